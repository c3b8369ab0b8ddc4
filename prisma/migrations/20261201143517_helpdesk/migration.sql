-- AlterTable
ALTER TABLE "network_credentials" ADD COLUMN     "expiresAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "quota_adjustments" (
    "id" BIGSERIAL NOT NULL,
    "userId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "staffId" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "quota_adjustments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "quota_adjustments_idempotencyKey_key" ON "quota_adjustments"("idempotencyKey");

-- CreateIndex
CREATE INDEX "quota_adjustments_userId_createdAt_idx" ON "quota_adjustments"("userId", "createdAt");

-- Hand-written additions ------------------------------------------------------------------

-- A staff balance adjustment (modules/helpdesk) books against this account, never an edit.
INSERT INTO "ledger_accounts" ("id", "code", "kind") VALUES (gen_random_uuid(), 'source:adjustments', 'SOURCE')
  ON CONFLICT ("code") DO NOTHING;

-- Quota adjustments are a record, like the ledger and the audit trail: append-only.
CREATE FUNCTION quota_adjustments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'quota_adjustments is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER "quota_adjustments_no_update_delete" BEFORE UPDATE OR DELETE ON "quota_adjustments"
  FOR EACH ROW EXECUTE FUNCTION quota_adjustments_append_only();
CREATE TRIGGER "quota_adjustments_no_truncate" BEFORE TRUNCATE ON "quota_adjustments"
  FOR EACH STATEMENT EXECUTE FUNCTION quota_adjustments_append_only();
