-- Hand-written: the money and quota invariants that Prisma's schema language cannot express.
-- See docs/decisions/002-ledger-in-the-database.md.

-- A student wallet can never go negative; only wallets belong to a user.
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_wallet_non_negative"
  CHECK ("kind" <> 'STUDENT_WALLET' OR "balanceFen" >= 0);
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_wallet_has_user"
  CHECK (("kind" = 'STUDENT_WALLET') = ("userId" IS NOT NULL));
ALTER TABLE "postings" ADD CONSTRAINT "postings_amount_non_zero" CHECK ("amountFen" <> 0);

-- Cached balances follow postings: the only way a balance changes is a posting.
CREATE FUNCTION ledger_apply_posting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ledger_accounts" SET "balanceFen" = "balanceFen" + NEW."amountFen" WHERE "id" = NEW."accountId";
  RETURN NEW;
END $$;
CREATE TRIGGER "postings_apply_balance" AFTER INSERT ON "postings"
  FOR EACH ROW EXECUTE FUNCTION ledger_apply_posting();

-- A direct UPDATE of balanceFen (not coming from the posting trigger) is refused.
CREATE FUNCTION ledger_guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."balanceFen" IS DISTINCT FROM OLD."balanceFen" AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'ledger_accounts.balanceFen changes only through postings' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "ledger_accounts_guard_balance" BEFORE UPDATE ON "ledger_accounts"
  FOR EACH ROW EXECUTE FUNCTION ledger_guard_balance();

-- Every journal entry balances (postings sum to zero) and has at least two postings.
-- Checked at commit, so an entry's postings may be inserted one by one.
CREATE FUNCTION ledger_assert_balanced(entry uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
  n integer;
BEGIN
  SELECT COALESCE(SUM("amountFen"), 0), COUNT(*) INTO total, n FROM "postings" WHERE "entryId" = entry;
  IF n < 2 OR total <> 0 THEN
    RAISE EXCEPTION 'journal entry % is not balanced (% postings, sum %)', entry, n, total USING ERRCODE = '23514';
  END IF;
END $$;
CREATE FUNCTION ledger_check_posting_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_assert_balanced(NEW."entryId");
  RETURN NULL;
END $$;
CREATE FUNCTION ledger_check_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_assert_balanced(NEW."id");
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "postings_entry_balanced" AFTER INSERT ON "postings"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_posting_entry();
CREATE CONSTRAINT TRIGGER "journal_entries_balanced" AFTER INSERT ON "journal_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry();

-- The ledger is append-only: corrections are reversing entries, never edits.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
CREATE TRIGGER "postings_append_only" BEFORE UPDATE OR DELETE ON "postings"
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER "journal_entries_append_only" BEFORE UPDATE OR DELETE ON "journal_entries"
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- Quota counters stay within their grants.
ALTER TABLE "package_holdings" ADD CONSTRAINT "package_holdings_used_in_range"
  CHECK ("usedBytes" >= 0 AND "usedBytes" <= "quotaBytes" AND "quotaBytes" > 0 AND "priceFen" >= 0);
ALTER TABLE "monthly_quotas" ADD CONSTRAINT "monthly_quotas_used_in_range"
  CHECK ("freeUsedBytes" >= 0 AND "freeUsedBytes" <= "freeBytes");
ALTER TABLE "daily_usage" ADD CONSTRAINT "daily_usage_non_negative"
  CHECK ("uploadBytes" >= 0 AND "downloadBytes" >= 0);
ALTER TABLE "packages" ADD CONSTRAINT "packages_positive"
  CHECK ("priceFen" > 0 AND "quotaBytes" > 0 AND "validityMonths" > 0);

-- One package at a time: at most one ACTIVE holding per student.
CREATE UNIQUE INDEX "package_holdings_one_active" ON "package_holdings" ("userId") WHERE "state" = 'ACTIVE';

-- System accounts every installation has.
INSERT INTO "ledger_accounts" ("id", "code", "kind") VALUES
  (gen_random_uuid(), 'revenue:packages', 'REVENUE'),
  (gen_random_uuid(), 'source:opening', 'SOURCE'),
  (gen_random_uuid(), 'source:counter', 'SOURCE'),
  (gen_random_uuid(), 'source:sandbox', 'SOURCE'),
  (gen_random_uuid(), 'source:wechat', 'SOURCE'),
  (gen_random_uuid(), 'source:alipay', 'SOURCE');

-- The default quota policy: 20 GiB free per month; throttled 2 Mbit/s down, 1 Mbit/s up.
INSERT INTO "quota_policy" ("id", "freeMonthlyBytes", "highSpeedDownKbps", "highSpeedUpKbps", "throttledDownKbps", "throttledUpKbps", "updatedAt")
  VALUES (1, 21474836480, 102400, 51200, 2048, 1024, now());
