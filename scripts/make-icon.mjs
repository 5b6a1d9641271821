// Draws images/icon.png (128x128): two sites, the fiber route between them (arc) and the
// straight-line lower bound (dashed). No dependencies: a tiny anti-aliased rasterizer and a PNG writer.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const SS = 4; // supersampling per axis
const rgba = new Float64Array(N * N * 4);

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const BG = hex('#0b1f33');
const ROUTE = hex('#38bdf8');
const BOUND = hex('#f59e0b');
const SITE = hex('#f8fafc');

const A = [30, 94];
const B = [98, 38];
const C = [30, 30]; // bezier control point: the route bows away from the straight line

function distSeg(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return [Math.hypot(px - ax - t * dx, py - ay - t * dy), t];
}
const curve = [];
for (let i = 0; i <= 200; i++) {
  const t = i / 200, u = 1 - t;
  curve.push([u * u * A[0] + 2 * u * t * C[0] + t * t * B[0], u * u * A[1] + 2 * u * t * C[1] + t * t * B[1]]);
}
function distCurve(px, py) {
  let d = Infinity;
  for (let i = 0; i + 1 < curve.length; i++) d = Math.min(d, distSeg(px, py, curve[i], curve[i + 1])[0]);
  return d;
}
function inRoundedRect(px, py, r) {
  const qx = Math.max(r - px, 0, px - (N - r)), qy = Math.max(r - py, 0, py - (N - r));
  return Math.hypot(qx, qy) <= r;
}

function sample(px, py) {
  if (!inRoundedRect(px, py, 26)) return null;
  let col = BG;
  const [dl, t] = distSeg(px, py, A, B);
  if (dl <= 2.2 && Math.floor(t * 9) % 2 === 0) col = BOUND;
  if (distCurve(px, py) <= 4.2) col = ROUTE;
  if (Math.hypot(px - A[0], py - A[1]) <= 11 || Math.hypot(px - B[0], py - B[1]) <= 11) col = SITE;
  if (Math.hypot(px - A[0], py - A[1]) <= 5 || Math.hypot(px - B[0], py - B[1]) <= 5) col = ROUTE;
  return col;
}

for (let y = 0; y < N; y++)
  for (let x = 0; x < N; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const c = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0]; g += c[1]; b += c[2]; a += 1;
      }
    const i = (y * N + x) * 4;
    if (a > 0) [rgba[i], rgba[i + 1], rgba[i + 2]] = [r / a, g / a, b / a];
    rgba[i + 3] = (a / (SS * SS)) * 255;
  }

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N * 4; x++) raw[y * (N * 4 + 1) + 1 + x] = Math.round(rgba[y * N * 4 + x]);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
