// In-memory storage for the development IdP (sessions, interactions, grants, codes, tokens).
// Everything is lost when the IdP stops, which is what a dev/demo/test IdP wants: the app
// keeps its own session, and signing in again takes one click on a demo account.
// One store per startIdp() call, so several IdPs in one process (tests) never share state.
import type { Adapter, AdapterPayload } from "oidc-provider";

interface Entry {
  payload: AdapterPayload;
  /** epoch ms; Infinity = no expiry */
  expiresAt: number;
}

/** Models whose records belong to a grant and are revoked with it. */
const GRANTABLE = new Set(["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode", "BackchannelAuthenticationRequest", "PreAuthorizedCode"]);

export function createMemoryAdapterFactory(): (model: string) => Adapter {
  const records = new Map<string, Entry>();
  const sessionUids = new Map<string, string>(); // session uid -> session id
  const userCodes = new Map<string, string>(); // user code -> device code id
  const grants = new Map<string, Set<string>>(); // grant id -> record keys

  function live(key: string): Entry | undefined {
    const entry = records.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      records.delete(key);
      return undefined;
    }
    return entry;
  }

  // Drop expired records now and then so a long-running dev IdP does not grow forever.
  let writes = 0;
  function sweep() {
    if (++writes % 500 !== 0) return;
    for (const key of records.keys()) live(key);
  }

  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;

    return {
      async upsert(id, payload, expiresIn) {
        sweep();
        const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity;
        records.set(key(id), { payload, expiresAt });
        if (model === "Session" && payload.uid) sessionUids.set(payload.uid, id);
        if (payload.userCode) userCodes.set(payload.userCode, id);
        if (GRANTABLE.has(model) && payload.grantId) {
          let members = grants.get(payload.grantId);
          if (!members) grants.set(payload.grantId, (members = new Set()));
          members.add(key(id));
        }
      },
      async find(id) {
        return live(key(id))?.payload;
      },
      async findByUid(uid) {
        const id = sessionUids.get(uid);
        return id === undefined ? undefined : live(key(id))?.payload;
      },
      async findByUserCode(userCode) {
        const id = userCodes.get(userCode);
        return id === undefined ? undefined : live(key(id))?.payload;
      },
      async consume(id) {
        const entry = live(key(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        const entry = records.get(key(id));
        records.delete(key(id));
        if (entry?.payload.uid && sessionUids.get(entry.payload.uid) === id) sessionUids.delete(entry.payload.uid);
        if (entry?.payload.userCode && userCodes.get(entry.payload.userCode) === id) userCodes.delete(entry.payload.userCode);
      },
      async revokeByGrantId(grantId) {
        for (const member of grants.get(grantId) ?? []) records.delete(member);
        grants.delete(grantId);
      },
    };
  };
}
