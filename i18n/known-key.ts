// With typed messages (i18n/next-intl.d.ts) a translator takes only keys that exist. A key that
// arrives at run time (a zod issue's message, an error code from the server) is checked with the
// translator's own `has`; one it knows is then a key of that namespace.

/** `key` narrowed to a key of `t`'s namespace when `t.has(key)`; use the fallback otherwise. */
export function knownKey<K extends string>(t: { has(key: K): boolean }, key: string): key is K {
  return (t.has as (key: string) => boolean)(key);
}
