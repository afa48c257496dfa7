#!/usr/bin/env node
// Generates the Teams app icons in manifest/ using only Node built-ins:
//   manifest/color.png   192x192 full-colour icon
//   manifest/outline.png  32x32  white-on-transparent outline icon
// Usage: node scripts/make-icons.mjs
// Output is deterministic, so re-running it should leave git clean.

import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";

const OUT_DIR = new URL("../manifest/", import.meta.url);

// ---------- PNG encoding (RGBA, 8-bit, filter type 0 on every row) ----------

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
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** @param {number} w @param {number} h @param {Uint8Array} rgba w*h*4 bytes */
function encodePng(w, h, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = w * 4;
  const raw = Buffer.alloc((stride + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (stride + 1)] = 0; // filter type 0 (None)
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------- Shapes: each is (x, y) => boolean in pixel coordinates ----------

function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

/** A polyline stroked with round caps and joins. */
function stroke(points, width) {
  const r2 = (width / 2) ** 2;
  return (x, y) => {
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[i + 1];
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      if ((x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= r2) return true;
    }
    return false;
  };
}

/** Five-pointed star, point up. */
function star(cx, cy, outer, inner) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 === 0 ? outer : inner;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i];
      const [xj, yj] = pts[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

// ---------- Rasterising with supersampled anti-aliasing ----------

const SS = 8; // SS x SS samples per pixel

/**
 * Paints layers (back to front) with source-over compositing.
 * @param {number} size
 * @param {{ shape: (x: number, y: number) => boolean, rgb: [number, number, number] }[]} layers
 * @param {[number, number, number]} clearRgb colour stored in fully transparent pixels
 */
function render(size, layers, clearRgb = [255, 255, 255]) {
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0; // premultiplied, 0..1
      for (const { shape, rgb } of layers) {
        let hits = 0;
        for (let sy = 0; sy < SS; sy++) {
          for (let sx = 0; sx < SS; sx++) {
            if (shape(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)) hits++;
          }
        }
        const cov = hits / (SS * SS);
        r = (rgb[0] / 255) * cov + r * (1 - cov);
        g = (rgb[1] / 255) * cov + g * (1 - cov);
        b = (rgb[2] / 255) * cov + b * (1 - cov);
        a = cov + a * (1 - cov);
      }
      const i = (py * size + px) * 4;
      if (a === 0) {
        out.set([...clearRgb, 0], i);
      } else {
        out[i] = Math.round((r / a) * 255);
        out[i + 1] = Math.round((g / a) * 255);
        out[i + 2] = Math.round((b / a) * 255);
        out[i + 3] = Math.round(a * 255);
      }
    }
  }
  return out;
}

const NAVY = [0x1f, 0x4e, 0x79]; // accentColor in manifest.json
const WHITE = [0xff, 0xff, 0xff];
const GOLD = [0xf5, 0xb8, 0x2e];

// Colour icon: navy rounded square, white tick, gold star in the upper left.
// The symbol stays roughly within the central 96-112 px, as Teams recommends.
const color = render(192, [
  { shape: roundedRect(0, 0, 192, 192, 40), rgb: NAVY },
  { shape: star(68, 62, 21, 8.5), rgb: GOLD },
  {
    shape: stroke(
      [
        [56, 102],
        [86, 132],
        [142, 72],
      ],
      22,
    ),
    rgb: WHITE,
  },
]);

// Outline icon: white tick only, on a fully transparent background.
const outline = render(32, [
  {
    shape: stroke(
      [
        [6, 17],
        [13, 24],
        [26, 9],
      ],
      4.5,
    ),
    rgb: WHITE,
  },
]);

// Teams requires the outline icon to be white and transparent only.
for (let i = 0; i < outline.length; i += 4) {
  if (outline[i] !== 255 || outline[i + 1] !== 255 || outline[i + 2] !== 255) {
    throw new Error("outline icon has a non-white pixel");
  }
}

mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(new URL("color.png", OUT_DIR), encodePng(192, 192, color));
writeFileSync(new URL("outline.png", OUT_DIR), encodePng(32, 32, outline));
console.log("wrote manifest/color.png (192x192) and manifest/outline.png (32x32)");
