// Draws the app icons (a white Wi-Fi mark on campus blue) into public/ with Node built-ins
// only: a tiny rasteriser with 4×4 supersampling and a zlib PNG encoder.
// Run: node scripts/generate-icons.mjs  (the PNGs are committed; rerun after a design change)
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

// Top-left → bottom-right gradient around brand-700 (#0b5c8a).
const TOP = [0x0f, 0x6f, 0xa3]; // brand-600
const BOTTOM = [0x0c, 0x4d, 0x72]; // brand-800

// ---- PNG encoding ----
const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---- Shapes, in unit coordinates (0..1 across the icon) ----
function inRoundedRect(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** The Wi-Fi glyph of width ≈1.02·s centred at (0.5, 0.5). */
function inWifi(x, y, s) {
  const bx = 0.5;
  const by = 0.5 + 0.29 * s; // base point, so the glyph's bounding box is centred
  const dx = (x - bx) / s;
  const dy = (by - y) / s; // up is positive
  const d = Math.hypot(dx, dy);
  if (d <= 0.085) return true; // the dot
  const half = Math.PI / 4; // arcs span ±45° around straight up
  const angle = Math.atan2(dx, dy);
  for (const [inner, outer] of [
    [0.2, 0.3],
    [0.4, 0.5],
    [0.6, 0.7],
  ]) {
    if (d >= inner && d <= outer && Math.abs(angle) <= half) return true;
    // rounded caps at both ends of the arc
    const mid = (inner + outer) / 2;
    const capR = (outer - inner) / 2;
    for (const sign of [-1, 1]) {
      const ex = Math.sin(sign * half) * mid;
      const ey = Math.cos(half) * mid;
      if ((dx - ex) ** 2 + (dy - ey) ** 2 <= capR ** 2) return true;
    }
  }
  return false;
}

/**
 * @param {number} size pixels
 * @param {{ radius: number, glyph: number }} opts radius of the background corners
 *   (0 = full bleed), glyph scale relative to the icon
 */
function render(size, { radius, glyph }) {
  const out = Buffer.alloc(size * size * 4);
  const SS = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          if (radius === 0 || inRoundedRect(x, y, radius)) {
            bg++;
            if (inWifi(x, y, glyph)) fg++;
          }
        }
      }
      const n = SS * SS;
      const t = (px + py) / (2 * size);
      const base = TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
      const f = bg ? fg / bg : 0;
      const o = (py * size + px) * 4;
      out[o] = Math.round(base[0] + (255 - base[0]) * f);
      out[o + 1] = Math.round(base[1] + (255 - base[1]) * f);
      out[o + 2] = Math.round(base[2] + (255 - base[2]) * f);
      out[o + 3] = Math.round((255 * bg) / n);
    }
  }
  return encodePng(size, out);
}

/**
 * The notification badge (Android's status bar): the glyph alone in white on transparency; the
 * system draws only its alpha.
 */
function renderBadge(size, glyph) {
  const out = Buffer.alloc(size * size * 4);
  const SS = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let fg = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          if (inWifi((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size, glyph)) fg++;
        }
      }
      const o = (py * size + px) * 4;
      out.fill(255, o, o + 3);
      out[o + 3] = Math.round((255 * fg) / (SS * SS));
    }
  }
  return encodePng(size, out);
}

/** An .ico holding one PNG image (supported by every current browser). */
function icoFromPng(png, size) {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header[6] = size >= 256 ? 0 : size;
  header[7] = size >= 256 ? 0 : size;
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset
  return Buffer.concat([header, png]);
}

const icons = path.join(root, "public", "icons");
mkdirSync(icons, { recursive: true });

const any = { radius: 0.22, glyph: 0.6 };
// Maskable: full bleed, glyph inside the 80% safe circle.
const maskable = { radius: 0, glyph: 0.52 };

const files = {
  "icon-192.png": render(192, any),
  "icon-512.png": render(512, any),
  "maskable-192.png": render(192, maskable),
  "maskable-512.png": render(512, maskable),
  // iOS rounds the corners itself and shows transparency as black.
  "apple-touch-icon.png": render(180, { radius: 0, glyph: 0.56 }),
  "badge-96.png": renderBadge(96, 0.9),
};
for (const [name, png] of Object.entries(files)) {
  writeFileSync(path.join(icons, name), png);
  console.log(`public/icons/${name}  ${png.length} bytes`);
}
writeFileSync(path.join(root, "public", "favicon.ico"), icoFromPng(render(32, { radius: 0.2, glyph: 0.66 }), 32));
console.log("public/favicon.ico");
