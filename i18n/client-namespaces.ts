// Which message namespaces (messages/<locale>/<namespace>.json) are sent to the browser, and
// where (docs/decisions/024-web-speed.md). Server Components translate on the server and send
// only text; client components read their strings from the nearest NextIntlClientProvider,
// whose messages travel in the page's HTML. There is no provider in the root layout: the shells'
// client parts and the home's get their text as props from Server Components (so the home ships
// none of next-intl's client code), and each area whose client components use next-intl adds the
// provider with the namespaces they use (i18n/client-messages.tsx). A client component that reads a namespace its area does not send
// shows the key path ("packages.buy") instead of the text: add the namespace to its area here.

export type Messages = Record<string, unknown>;

/** Sent with every area: the confirm dialog, safe actions, page headers (common) and the money buttons' offline reasons (offline). */
export const SHELL_NAMESPACES = ["common", "offline"] as const;

/** What each student area's client components read, beyond the shell's namespaces. */
export const AREA_NAMESPACES = {
  /** /packages: catalogue, exchange dialog (packages, recharge), plan card and schedule button */
  packages: ["packages", "recharge", "plans"],
  /** /exchanges: the appeal form */
  exchanges: ["appeals", "packages"],
  /** /network/*: live sessions, devices, password, seamless login, speed card (home.speed), quota alerts, pause card, guest passes */
  network: ["network", "home", "notifications", "pauses", "guest"],
  /** /recharge/*: the form, the order status, receipts */
  recharge: ["recharge"],
  /** /statement: print button */
  statement: ["statement"],
  /** /notifications: the list and its mark-read buttons */
  notifications: ["notifications", "network"],
} as const satisfies Record<string, readonly string[]>;

export type Area = keyof typeof AREA_NAMESPACES;

/** The namespaces of `messages` named in `namespaces` (those that exist), as one object. */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const ns of namespaces) if (ns in messages) out[ns] = messages[ns];
  return out;
}

/** The shell's namespaces plus an area's. */
export function areaNamespaces(area: Area): string[] {
  return [...new Set<string>([...SHELL_NAMESPACES, ...AREA_NAMESPACES[area]])];
}
