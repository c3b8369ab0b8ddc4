// Pure helpers of the printable receipt (收据): the amount in Chinese capitals (大写金额), as
// receipts in China carry it beside the figures so that a figure cannot be altered.

const DIGITS = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"] as const;
const UNITS = ["", "拾", "佰", "仟"] as const;
const GROUP_UNITS = ["", "万", "亿", "万亿"] as const;

function groupUpper(g: number): string {
  let out = "";
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(g / 10 ** i) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) {
      out += "零";
      zero = false;
    }
    out += DIGITS[d]! + UNITS[i]!;
  }
  return out;
}

function integerUpper(n: bigint): string {
  const groups: number[] = [];
  for (let v = n; v > 0n; v /= 10_000n) groups.push(Number(v % 10_000n));
  if (groups.length > GROUP_UNITS.length) throw new RangeError("amount too large for 大写金额");
  let out = "";
  let zeroPending = false;
  for (let gi = groups.length - 1; gi >= 0; gi--) {
    const g = groups[gi]!;
    if (g === 0) {
      if (out) zeroPending = true;
      continue;
    }
    if (out && (zeroPending || g < 1000)) out += "零";
    zeroPending = false;
    out += groupUpper(g) + GROUP_UNITS[gi]!;
  }
  return out;
}

/** 2000n → "贰拾元整", 2050n → "贰拾元伍角整", 2005n → "贰拾元零伍分", 100_000_500n → "壹佰万零伍元整". */
export function fenToChineseUpper(fen: bigint): string {
  if (fen < 0n) return `负${fenToChineseUpper(-fen)}`;
  if (fen === 0n) return "零元整";
  const yuan = fen / 100n;
  const jiao = Number((fen % 100n) / 10n);
  const cents = Number(fen % 10n);
  let out = yuan > 0n ? `${integerUpper(yuan)}元` : "";
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0n) out += "零";
  out += cents > 0 ? `${DIGITS[cents]}分` : "整";
  return out;
}
