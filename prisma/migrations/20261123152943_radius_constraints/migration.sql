-- Hand-written migration. The runner wraps it in a transaction: no BEGIN/COMMIT here.

-- MAC authentication uses the MAC as the RADIUS user name, so one MAC answers for one
-- account only (a device may still be listed, unregistered, under several accounts).
CREATE UNIQUE INDEX "devices_mac_auth_unique" ON "devices" ("mac") WHERE "macAuth";

-- MACs are stored normalised (AA:BB:CC:DD:EE:FF); lookups compare strings.
ALTER TABLE "devices" ADD CONSTRAINT "devices_mac_normalised" CHECK ("mac" ~ '^[0-9A-F]{2}(:[0-9A-F]{2}){5}$');

-- Failed network logins are counted, never negative.
ALTER TABLE "network_credentials" ADD CONSTRAINT "network_credentials_failed_non_negative" CHECK ("failedAttempts" >= 0);
