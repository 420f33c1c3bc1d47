import type { IncomingMessage } from 'node:http';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Read the whole body as UTF-8; oversize bodies are cut off to protect the test process. */
export async function readSimBody(req: IncomingMessage): Promise<string> {
  return (await readSimBodyBytes(req)).toString('utf8');
}

/** Read the whole body as bytes (multipart uploads); same size cap. */
export function readSimBodyBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new Error('request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
