import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A small, valid PNG (8-bit RGB, one solid colour) as base64: what the simulators return as a
 * generated image. Its size follows the requested aspect ratio (8 px per ratio unit, so
 * `16:9` is 128×72) so tests can check that the ratio reached the upstream.
 */
export function renderSimPng(options: { width: number; height: number; rgb?: [number, number, number] }): string {
  const { width, height } = options;
  const [r, g, b] = options.rgb ?? [0x2a, 0x7a, 0xe2];
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter method, no interlace
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]).toString('base64');
}

/** Pixel size for an aspect ratio such as `16:9` (8 px per unit); 1:1 (64×64) when absent. */
export function simImageSize(aspectRatio: string | undefined): { width: number; height: number } {
  const match = /^(\d{1,2}):(\d{1,2})$/.exec(aspectRatio ?? '1:1');
  if (!match) return { width: 64, height: 64 };
  const [w, h] = [Number(match[1]), Number(match[2])];
  return w === h ? { width: 64, height: 64 } : { width: w * 8, height: h * 8 };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
