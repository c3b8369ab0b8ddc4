// The notification kinds Web Push carries (decision 023), each with a per-student preference
// (default on). Other kinds stay in the notification centre only. PUSH_TEST (the card's "send a
// test alert") is always pushed and has no preference.

export const PUSH_KINDS = ["QUOTA_80", "QUOTA_100", "HIGH_SPEED_RESTORED", "RECHARGE_CREDITED", "PACKAGE_EXPIRING", "PLAN_FAILED", "OFFICE_NOTICE"] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

/** Kinds the job pushes: the preference kinds and the test. */
export const PUSHED_KINDS: readonly string[] = [...PUSH_KINDS, "PUSH_TEST"];

export function isPushKind(value: unknown): value is PushKind {
  return typeof value === "string" && (PUSH_KINDS as readonly string[]).includes(value);
}

/** Preferences as the card shows them: every push kind, on unless the student turned it off. */
export function effectivePreferences(rows: { kind: string; enabled: boolean }[]): { kind: PushKind; enabled: boolean }[] {
  const off = new Set(rows.filter((r) => !r.enabled).map((r) => r.kind));
  return PUSH_KINDS.map((kind) => ({ kind, enabled: !off.has(kind) }));
}
