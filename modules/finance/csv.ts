// CSV for finance exports: RFC 4180 quoting, a BOM so spreadsheet programs read UTF-8 Chinese,
// and text cells that could start a formula are defused.

function cell(value: unknown): string {
  let s =
    value === null || value === undefined ? "" : typeof value === "bigint" ? value.toString() : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+@\t\r]/.test(s) || /^-[^0-9]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** One CSV line with its CRLF, for exports that stream (the BOM is the caller's, once). */
export function csvLine(cells: unknown[]): string {
  return cells.map(cell).join(",") + "\r\n";
}
