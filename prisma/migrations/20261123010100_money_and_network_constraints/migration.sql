-- Hand-written: invariants for recharge orders, refunds and network accounting.
ALTER TABLE "recharge_orders" ADD CONSTRAINT "recharge_orders_amounts"
  CHECK ("amountFen" > 0 AND ("paidAmountFen" IS NULL OR "paidAmountFen" >= 0)
         AND "refundedFen" >= 0 AND "refundedFen" <= COALESCE("paidAmountFen", "amountFen"));
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "sandbox_trades" ADD CONSTRAINT "sandbox_trades_amounts" CHECK ("amountFen" > 0 AND "refundedFen" >= 0 AND "refundedFen" <= "amountFen");
ALTER TABLE "radius_sessions" ADD CONSTRAINT "radius_sessions_octets" CHECK ("inputOctets" >= 0 AND "outputOctets" >= 0);
ALTER TABLE "device_daily_usage" ADD CONSTRAINT "device_daily_usage_non_negative" CHECK ("uploadBytes" >= 0 AND "downloadBytes" >= 0);
ALTER TABLE "recharge_policy" ADD CONSTRAINT "recharge_policy_sane" CHECK ("minFen" > 0 AND "maxFen" >= "minFen" AND "orderTimeoutMinutes" > 0);

-- The order history is append-only, like the ledger.
CREATE TRIGGER "order_events_append_only" BEFORE UPDATE OR DELETE ON "order_events"
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

INSERT INTO "recharge_policy" ("id", "minFen", "maxFen", "orderTimeoutMinutes", "updatedAt") VALUES (1, 500, 50000, 15, now());
