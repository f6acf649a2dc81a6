/* global Buffer, console */
/* eslint-disable no-console -- command-line script */
// Draws the Yiyang PWA icons (house under a sun on teal) as PNGs with no
// dependencies: a tiny rasteriser with 4× supersampling and zlib from Node.
// Usage: node web/scripts/make-icons.mjs  → web/public/m/icon-{192,512}.png
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'm');
const TEAL = [10, 107, 90];
const WHITE = [255, 255, 255];
const SUN = [255, 210, 122];

// Shapes in a 64-unit design space, matching AppLogo.tsx / icon.svg.
function inPolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const house = [
  [12, 34],
  [32, 16],
  [52, 34],
  [47, 34],
  [47, 52],
  [17, 52],
  [17, 34],
];
function door(x, y) {
  if (x < 27 || x > 37 || y > 52) return false;
  if (y >= 40) return true;
  return (x - 32) ** 2 + (y - 40) ** 2 <= 25; // rounded top
}
function colourAt(x, y, maskable) {
  // Maskable icons keep content in the central 80 % safe zone and fill the square.
  if (maskable) {
    x = (x - 32) / 0.8 + 32;
    y = (y - 32) / 0.8 + 32;
  } else {
    const r = 14;
    const cx = Math.min(Math.max(x, r), 64 - r);
    const cy = Math.min(Math.max(y, r), 64 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  }
  if ((x - 44) ** 2 + (y - 18) ** 2 <= 49) return SUN;
  if (inPolygon(x, y, house) && !door(x, y)) return WHITE;
  return TEAL;
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, maskable) {
  const S = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const c = colourAt(
            ((px + (sx + 0.5) / S) / size) * 64,
            ((py + (sy + 0.5) / S) / size) * 64,
            maskable,
          );
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) {
  writeFileSync(join(out, `icon-${size}.png`), png(size, false));
  writeFileSync(join(out, `icon-maskable-${size}.png`), png(size, true));
}
console.log(`icons written to ${out}`);
