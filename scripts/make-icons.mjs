#!/usr/bin/env node
// Generates Muster's app icons into public/icons/ with no network and no image library:
// the design is described once as vector paths (lines and Bézier curves in a 100x100
// design space), flattened to polygons, filled with a non-zero scanline rasteriser at
// 8x8 supersampling for anti-aliasing, and written as PNG with node:zlib and a
// hand-rolled CRC32 + chunk writer. The same paths are emitted as public/icons/favicon.svg.
//
// Design: deep blue (#0b3d91) field, a white rounded shield, and a bold "M" cut out of
// the shield in the same blue.
//
//   node scripts/make-icons.mjs           write the icons
//   node scripts/make-icons.mjs --check   exit 1 if the committed icons differ from what
//                                         this script would draw (compares pixels, not bytes)

import { deflateSync, inflateSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'public', 'icons');

const BLUE = [0x0b, 0x3d, 0x91];
const WHITE = [0xff, 0xff, 0xff];
const SUPERSAMPLE = 8;
/** Radius of the maskable safe zone, as a fraction of the icon's size (a circle of 80% diameter). */
const SAFE_RADIUS = 0.4;

// ---------------------------------------------------------------------------------------
// Geometry: paths as lists of commands in a 100x100 design space.
// ['M', x, y] | ['L', x, y] | ['Q', cx, cy, x, y] | ['C', c1x, c1y, c2x, c2y, x, y] | ['Z']

/** Rounded square covering the whole design space (the "any" icons' background). */
function roundedSquare(r) {
  return [
    ['M', r, 0], ['L', 100 - r, 0], ['Q', 100, 0, 100, r],
    ['L', 100, 100 - r], ['Q', 100, 100, 100 - r, 100],
    ['L', r, 100], ['Q', 0, 100, 0, 100 - r],
    ['L', 0, r], ['Q', 0, 0, r, 0], ['Z'],
  ];
}

const FULL_SQUARE = [['M', 0, 0], ['L', 100, 0], ['L', 100, 100], ['L', 0, 100], ['Z']];

/** The white shield: flat top with rounded corners, straight sides, curved to a point. */
const SHIELD = [
  ['M', 27, 15], ['L', 73, 15], ['Q', 80, 15, 80, 22],
  ['L', 80, 46], ['C', 80, 66, 66, 79, 50, 87],
  ['C', 34, 79, 20, 66, 20, 46],
  ['L', 20, 22], ['Q', 20, 15, 27, 15], ['Z'],
];

/** A bold "M" (outer contour only), drawn in blue on top of the shield. */
const LETTER_M = [
  ['M', 32.5, 64], ['L', 32.5, 29], ['L', 41.5, 29], ['L', 50, 43.5], ['L', 58.5, 29],
  ['L', 67.5, 29], ['L', 67.5, 64], ['L', 59, 64], ['L', 59, 44.5], ['L', 50, 59.8],
  ['L', 41, 44.5], ['L', 41, 64], ['Z'],
];

/** Scale a path about the design centre (50, 50). */
function scalePath(path, s) {
  const t = (v) => 50 + (v - 50) * s;
  return path.map(([op, ...xs]) => [op, ...xs.map(t)]);
}

/** Flatten a path into closed polygons (arrays of [x, y]). */
function flatten(path, steps = 24) {
  const polys = [];
  let cur = null;
  let x = 0;
  let y = 0;
  for (const [op, ...a] of path) {
    if (op === 'M') {
      cur = [[a[0], a[1]]];
      polys.push(cur);
      [x, y] = a;
    } else if (op === 'L') {
      cur.push([a[0], a[1]]);
      [x, y] = a;
    } else if (op === 'Q') {
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const u = 1 - t;
        cur.push([u * u * x + 2 * u * t * a[0] + t * t * a[2], u * u * y + 2 * u * t * a[1] + t * t * a[3]]);
      }
      [x, y] = [a[2], a[3]];
    } else if (op === 'C') {
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const u = 1 - t;
        cur.push([
          u * u * u * x + 3 * u * u * t * a[0] + 3 * u * t * t * a[2] + t * t * t * a[4],
          u * u * u * y + 3 * u * u * t * a[1] + 3 * u * t * t * a[3] + t * t * t * a[5],
        ]);
      }
      [x, y] = [a[4], a[5]];
    } else if (op === 'Z') {
      cur = null;
    }
  }
  return polys;
}

function toSvgPath(path) {
  const n = (v) => String(Math.round(v * 100) / 100);
  return path.map(([op, ...a]) => op + a.map(n).join(' ')).join('');
}

// ---------------------------------------------------------------------------------------
// Rasteriser: non-zero winding scanline fill at SUPERSAMPLE x SUPERSAMPLE samples per pixel.

/** Returns per-pixel coverage in [0, 1] for polygons given in design units. */
function coverage(polys, size) {
  const ss = SUPERSAMPLE;
  const W = size * ss;
  const scale = W / 100;
  const edges = [];
  for (const poly of polys) {
    for (let i = 0; i < poly.length; i++) {
      const [x0, y0] = poly[i];
      const [x1, y1] = poly[(i + 1) % poly.length];
      if (y0 === y1) continue;
      edges.push({ x0: x0 * scale, y0: y0 * scale, x1: x1 * scale, y1: y1 * scale, dir: y1 > y0 ? 1 : -1 });
    }
  }
  const counts = new Uint16Array(size * size);
  const hits = [];
  for (let sy = 0; sy < W; sy++) {
    const yc = sy + 0.5;
    hits.length = 0;
    for (const e of edges) {
      const ymin = Math.min(e.y0, e.y1);
      const ymax = Math.max(e.y0, e.y1);
      if (yc < ymin || yc >= ymax) continue;
      hits.push({ x: e.x0 + ((yc - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
    }
    if (hits.length === 0) continue;
    hits.sort((a, b) => a.x - b.x);
    const row = Math.floor(sy / ss) * size;
    let winding = 0;
    for (let i = 0; i < hits.length - 1; i++) {
      winding += hits[i].dir;
      if (winding === 0) continue;
      // Fill sample columns whose centres lie in [hits[i].x, hits[i + 1].x).
      const from = Math.max(0, Math.ceil(hits[i].x - 0.5));
      const to = Math.min(W, Math.ceil(hits[i + 1].x - 0.5));
      for (let sx = from; sx < to; sx++) counts[row + Math.floor(sx / ss)]++;
    }
  }
  const out = new Float32Array(size * size);
  for (let i = 0; i < out.length; i++) out[i] = counts[i] / (ss * ss);
  return out;
}

/** Composites layers (source-over, straight alpha) onto a transparent RGBA canvas. */
function render(size, layers) {
  const rgba = new Float32Array(size * size * 4); // straight colour, alpha
  for (const { path, color } of layers) {
    const cov = coverage(flatten(path), size);
    for (let i = 0; i < cov.length; i++) {
      const a = cov[i];
      if (a === 0) continue;
      const o = i * 4;
      const da = rgba[o + 3];
      const oa = a + da * (1 - a);
      for (let c = 0; c < 3; c++) {
        rgba[o + c] = (color[c] * a + rgba[o + c] * da * (1 - a)) / oa;
      }
      rgba[o + 3] = oa;
    }
  }
  const bytes = new Uint8Array(size * size * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    bytes[i] = Math.round(rgba[i]);
    bytes[i + 1] = Math.round(rgba[i + 1]);
    bytes[i + 2] = Math.round(rgba[i + 2]);
    bytes[i + 3] = Math.round(rgba[i + 3] * 255);
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------
// PNG writer.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Encodes RGBA pixels as PNG. With opaque=true the alpha channel is dropped (colour type 2),
 * which iOS prefers for apple-touch-icon. Each row gets the filter with the smallest sum of
 * absolute residuals (the usual heuristic).
 */
function encodePng(size, rgba, { opaque = false } = {}) {
  const bpp = opaque ? 3 : 4;
  const stride = size * bpp;
  const raw = Buffer.alloc(size * stride);
  for (let i = 0, j = 0; i < rgba.length; i += 4) {
    raw[j++] = rgba[i];
    raw[j++] = rgba[i + 1];
    raw[j++] = rgba[i + 2];
    if (!opaque) raw[j++] = rgba[i + 3];
  }
  const filtered = Buffer.alloc(size * (stride + 1));
  const candidate = Buffer.alloc(stride);
  for (let y = 0; y < size; y++) {
    const row = raw.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? raw.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    let best = null;
    let bestScore = Infinity;
    for (let type = 0; type <= 4; type++) {
      let score = 0;
      for (let x = 0; x < stride; x++) {
        const a = x >= bpp ? row[x - bpp] : 0;
        const b = prev[x];
        const c = x >= bpp ? prev[x - bpp] : 0;
        const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type];
        const v = (row[x] - predictor) & 0xff;
        candidate[x] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) {
        bestScore = score;
        best = Buffer.from(candidate);
        best.type = type;
      }
    }
    const o = y * (stride + 1);
    filtered[o] = best.type;
    best.copy(filtered, o + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = opaque ? 2 : 6; // colour type: RGB or RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(filtered, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Minimal decoder for the PNGs this script writes (used by --check): returns RGBA bytes. */
function decodePng(buf) {
  let pos = 8;
  let size = 0;
  let colourType = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (crc32(buf.subarray(pos + 4, pos + 8 + len)) !== buf.readUInt32BE(pos + 8 + len)) {
      throw new Error(`bad CRC in ${type} chunk`);
    }
    if (type === 'IHDR') {
      size = data.readUInt32BE(0);
      colourType = data[9];
    }
    if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = colourType === 2 ? 3 : 4;
  const stride = size * bpp;
  const filtered = inflateSync(Buffer.concat(idat));
  const raw = Buffer.alloc(size * stride);
  for (let y = 0; y < size; y++) {
    const type = filtered[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = filtered[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? raw[y * stride + x - bpp] : 0;
      const b = y > 0 ? raw[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? raw[(y - 1) * stride + x - bpp] : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type];
      raw[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0, j = 0; i < rgba.length; i += 4) {
    rgba[i] = raw[j++];
    rgba[i + 1] = raw[j++];
    rgba[i + 2] = raw[j++];
    rgba[i + 3] = bpp === 4 ? raw[j++] : 255;
  }
  return { size, rgba };
}

// ---------------------------------------------------------------------------------------
// The icon set.

/** Glyph scale for the maskable icon: keeps every point of the shield inside the safe zone. */
const MASKABLE_SCALE = 0.8;
/** Glyph scale for apple-touch-icon (iOS rounds the corners itself; keep a margin). */
const APPLE_SCALE = 0.9;

function maxRadius(path) {
  let r = 0;
  for (const poly of flatten(path)) for (const [x, y] of poly) r = Math.max(r, Math.hypot(x - 50, y - 50));
  return r / 100;
}

const glyph = (s) => [
  { path: scalePath(SHIELD, s), color: WHITE },
  { path: scalePath(LETTER_M, s), color: BLUE },
];

const ICONS = [
  { file: 'icon-192.png', size: 192, layers: [{ path: roundedSquare(20), color: BLUE }, ...glyph(1)] },
  { file: 'icon-512.png', size: 512, layers: [{ path: roundedSquare(20), color: BLUE }, ...glyph(1)] },
  {
    file: 'icon-maskable-512.png',
    size: 512,
    opaque: true,
    layers: [{ path: FULL_SQUARE, color: BLUE }, ...glyph(MASKABLE_SCALE)],
  },
  {
    file: 'apple-touch-icon.png',
    size: 180,
    opaque: true,
    layers: [{ path: FULL_SQUARE, color: BLUE }, ...glyph(APPLE_SCALE)],
  },
];

function faviconSvg() {
  const hex = (c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">',
    `<path fill="${hex(BLUE)}" d="${toSvgPath(roundedSquare(20))}"/>`,
    `<path fill="${hex(WHITE)}" d="${toSvgPath(SHIELD)}"/>`,
    `<path fill="${hex(BLUE)}" d="${toSvgPath(LETTER_M)}"/>`,
    '</svg>',
    '',
  ].join('\n');
}

function main() {
  const check = process.argv.includes('--check');
  const maskableReach = maxRadius(scalePath(SHIELD, MASKABLE_SCALE));
  if (maskableReach > SAFE_RADIUS) {
    throw new Error(`maskable glyph reaches ${maskableReach.toFixed(3)} of the size from the centre, beyond the ${SAFE_RADIUS} safe zone`);
  }
  mkdirSync(outDir, { recursive: true });
  const stale = [];
  for (const icon of ICONS) {
    const rgba = render(icon.size, icon.layers);
    if (icon.opaque) for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
    const target = join(outDir, icon.file);
    if (check) {
      const ok = existsSync(target) && (() => {
        const got = decodePng(readFileSync(target));
        return got.size === icon.size && Buffer.compare(Buffer.from(got.rgba), Buffer.from(rgba)) === 0;
      })();
      if (!ok) stale.push(icon.file);
      continue;
    }
    const png = encodePng(icon.size, rgba, { opaque: icon.opaque });
    writeFileSync(target, png);
    console.log(`${relative(repoRoot, target)}  ${icon.size}x${icon.size}  ${png.length} bytes`);
  }
  const svgTarget = join(outDir, 'favicon.svg');
  const svg = faviconSvg();
  if (check) {
    if (!existsSync(svgTarget) || readFileSync(svgTarget, 'utf8') !== svg) stale.push('favicon.svg');
    if (stale.length > 0) {
      console.error(`Icons are out of date (${stale.join(', ')}): run node scripts/make-icons.mjs.`);
      process.exit(1);
    }
    console.log('Icons are up to date.');
    return;
  }
  writeFileSync(svgTarget, svg);
  console.log(`${relative(repoRoot, svgTarget)}  ${svg.length} bytes`);
  console.log(`maskable glyph reach: ${(maskableReach * 100).toFixed(1)}% of size from centre (safe zone ${SAFE_RADIUS * 100}%)`);
}

main();
