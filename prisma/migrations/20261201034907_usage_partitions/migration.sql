-- Usage history by month (docs/decisions/014-usage-history-partitions.md).
-- daily_usage and device_daily_usage become RANGE-partitioned on "day" (a Shanghai date), and
-- radius_session_history (created partitioned by the previous migration) on "startedAt", one
-- partition per Asia/Shanghai month. Every table also gets a DEFAULT partition as a safety net:
-- a row whose month has no partition yet lands there and is moved out when the month's
-- partition is made (usage_month_partition below, called by modules/usage/partitions.service.ts).
-- Prisma cannot express partitioning; schema.prisma describes the same columns and keys.

-- The one place that knows how a month's partition is named and bounded. Idempotent; serialised
-- by a transaction-level advisory lock, so concurrent callers cannot race. Rows of that month
-- waiting in the DEFAULT partition move into the new partition in the same transaction.
CREATE FUNCTION "usage_month_partition"(parent text, month date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', month)::date;
  part text := parent || '_' || to_char(m, 'YYYY_MM');
  def text := parent || '_default';
  key text;
  lo text;
  hi text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('campusnet:usage_month_partition'));
  IF to_regclass(part) IS NOT NULL THEN
    RETURN part;
  END IF;
  IF parent = 'radius_session_history' THEN
    key := 'startedAt';
    -- a billing month is an Asia/Shanghai calendar month: bounds at 00:00 Shanghai time
    lo := quote_literal(to_char((m::timestamp AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
    hi := quote_literal(to_char(((m + 1 * interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  ELSIF parent IN ('daily_usage', 'device_daily_usage') THEN
    key := 'day';
    lo := quote_literal(to_char(m, 'YYYY-MM-DD'));
    hi := quote_literal(to_char(m + interval '1 month', 'YYYY-MM-DD'));
  ELSE
    RAISE EXCEPTION 'usage_month_partition: % is not a usage-history table', parent;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
  IF to_regclass(def) IS NOT NULL THEN
    EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', def);
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= %s AND %I < %s RETURNING *) INSERT INTO %I SELECT * FROM moved',
      def, key, lo, key, hi, part);
  END IF;
  EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)', parent, part, lo, hi);
  RETURN part;
END
$$;

-- daily_usage → partitioned (same columns, keys, index, check and foreign key names)
ALTER TABLE "daily_usage" RENAME TO "daily_usage_unpartitioned";
ALTER INDEX "daily_usage_pkey" RENAME TO "daily_usage_unpartitioned_pkey";
ALTER INDEX "daily_usage_day_idx" RENAME TO "daily_usage_unpartitioned_day_idx";
CREATE TABLE "daily_usage" (
    "userId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "uploadBytes" BIGINT NOT NULL DEFAULT 0,
    "downloadBytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "daily_usage_pkey" PRIMARY KEY ("userId","day"),
    CONSTRAINT "daily_usage_non_negative" CHECK ("uploadBytes" >= 0 AND "downloadBytes" >= 0)
) PARTITION BY RANGE ("day");
CREATE INDEX "daily_usage_day_idx" ON "daily_usage"("day");
ALTER TABLE "daily_usage" ADD CONSTRAINT "daily_usage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TABLE "daily_usage_default" PARTITION OF "daily_usage" DEFAULT;

-- device_daily_usage → partitioned
ALTER TABLE "device_daily_usage" RENAME TO "device_daily_usage_unpartitioned";
ALTER INDEX "device_daily_usage_pkey" RENAME TO "device_daily_usage_unpartitioned_pkey";
CREATE TABLE "device_daily_usage" (
    "userId" UUID NOT NULL,
    "mac" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "uploadBytes" BIGINT NOT NULL DEFAULT 0,
    "downloadBytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "device_daily_usage_pkey" PRIMARY KEY ("userId","mac","day"),
    CONSTRAINT "device_daily_usage_non_negative" CHECK ("uploadBytes" >= 0 AND "downloadBytes" >= 0)
) PARTITION BY RANGE ("day");
CREATE TABLE "device_daily_usage_default" PARTITION OF "device_daily_usage" DEFAULT;

-- radius_session_history: the same octet check as radius_sessions, and its safety net
ALTER TABLE "radius_session_history" ADD CONSTRAINT "radius_session_history_octets" CHECK ("inputOctets" >= 0 AND "outputOctets" >= 0);
CREATE TABLE "radius_session_history_default" PARTITION OF "radius_session_history" DEFAULT;

-- Month partitions for the data already there, the last 13 months and the next 3 (Shanghai
-- months; the partition job keeps creating them ahead from here).
SELECT "usage_month_partition"(t.parent, m::date)
FROM (VALUES ('daily_usage'), ('device_daily_usage'), ('radius_session_history')) AS t(parent),
     generate_series(
       LEAST(
         date_trunc('month', (now() AT TIME ZONE 'Asia/Shanghai')) - interval '13 months',
         (SELECT date_trunc('month', min("day")) FROM "daily_usage_unpartitioned"),
         (SELECT date_trunc('month', min("day")) FROM "device_daily_usage_unpartitioned")),
       date_trunc('month', (now() AT TIME ZONE 'Asia/Shanghai')) + interval '3 months',
       interval '1 month') AS m
ORDER BY 1;

INSERT INTO "daily_usage" SELECT "userId", "day", "uploadBytes", "downloadBytes" FROM "daily_usage_unpartitioned";
INSERT INTO "device_daily_usage" SELECT "userId", "mac", "day", "uploadBytes", "downloadBytes" FROM "device_daily_usage_unpartitioned";
DROP TABLE "daily_usage_unpartitioned";
DROP TABLE "device_daily_usage_unpartitioned";
