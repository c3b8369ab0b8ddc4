// Test fixtures for Alipay's trade bill: a GBK encoder (Node's TextEncoder only writes UTF-8)
// and a ZIP whose entry names are GBK bytes without the UTF-8 flag, as Alipay's are.
import { zipSync } from "fflate";

let table: Map<string, number[]> | null = null;

/** GBK bytes of `text`: ASCII as is, everything else from the inverse of the WHATWG gbk decoder. */
export function gbkEncode(text: string): Uint8Array {
  if (!table) {
    table = new Map();
    const dec = new TextDecoder("gbk", { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        let ch: string;
        try {
          ch = dec.decode(new Uint8Array([lead, trail]));
        } catch {
          continue;
        }
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

/** A ZIP of `files`, entry names stored as GBK bytes with general-purpose flag bit 11 (UTF-8) clear. */
export function alipayBillZip(files: Record<string, Uint8Array>): Uint8Array {
  const names = Object.keys(files).map((name, i) => {
    const gbk = gbkEncode(name);
    const placeholder = `~${i}~`.padEnd(gbk.length, "~");
    return { gbk, placeholder: new TextEncoder().encode(placeholder) };
  });
  const zip = zipSync(Object.fromEntries(Object.values(files).map((data, i) => [new TextDecoder().decode(names[i]!.placeholder), data])));
  for (const { gbk, placeholder } of names) {
    let found = 0;
    for (let at = 0; at <= zip.length - placeholder.length; at++) {
      if (placeholder.every((b, k) => zip[at + k] === b)) {
        zip.set(gbk, at);
        found++;
      }
    }
    if (found !== 2) throw new Error(`placeholder found ${found}×`); // local header + central directory
  }
  return zip;
}
