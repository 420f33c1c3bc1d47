import assert from 'node:assert/strict';

/** Width and height of a base64 PNG (from a data URL or bare base64), checking the signature. */
export function readPngSize(dataUrlOrBase64: string): { width: number; height: number } {
  const base64 = dataUrlOrBase64.replace(/^data:image\/png;base64,/, '');
  const bytes = Buffer.from(base64, 'base64');
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('ascii'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
