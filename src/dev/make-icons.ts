/**
 * Draws the toolbar icons (a rounded blue square with three rising bars) as PNGs, so the icons are
 * made by code we can read rather than binary files from nowhere. Run: npx tsx src/dev/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

function icon(size: number): Buffer {
  const r = size * 0.22;
  const bars = [
    { x0: 0.2, x1: 0.36, top: 0.55 },
    { x0: 0.42, x1: 0.58, top: 0.38 },
    { x0: 0.64, x1: 0.8, top: 0.2 },
  ];
  return png(size, (px, py) => {
    const x = px + 0.5;
    const y = py + 0.5;
    const dx = Math.max(r - x, x - (size - r), 0);
    const dy = Math.max(r - y, y - (size - r), 0);
    if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
    const u = x / size;
    const v = y / size;
    const onBar = bars.some((b) => u >= b.x0 && u <= b.x1 && v >= b.top && v <= 0.8);
    return onBar ? [255, 255, 255, 255] : [31, 95, 191, 255];
  });
}

for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`../icons/icon-${size}.png`, import.meta.url), icon(size));
