-- Hand-written: the flagged-orders queue (finance's page and its count on /admin) reads only the
-- few orders that need finance. Without this it scanned every order (~50,000 at the 50k demo),
-- evaluating Prisma's text→enum cast per row: ~100 ms per count. Partial, so it stays tiny.
CREATE INDEX "recharge_orders_flagged_createdAt_idx" ON "recharge_orders" ("createdAt")
  WHERE "state" = 'FLAGGED' OR "flaggedAt" IS NOT NULL;
