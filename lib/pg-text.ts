/** Text for the database: PostgreSQL refuses NUL characters in text and json; `max` characters at most. */
export function dbText(value: unknown, max = 500): string {
  return String(value ?? "")
    .replace(/\u0000/g, "\uFFFD")
    .slice(0, max);
}
