import { createWriteStream } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_FILE_MODE } from '../core/private-files.js';

/** The size limit of an upload was passed: the upload was discarded. */
export class FileTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`file larger than ${limitBytes} bytes`);
  }
}

/**
 * The bytes of batch files, one file per id under the files directory (created 0700 at start-up),
 * each written 0600 under a temporary name and renamed into place once complete.
 */
export class BatchFileStorage {
  readonly #dir: string;

  /** `dir` must exist (ensurePrivateDir at start-up). */
  constructor(dir: string) {
    this.#dir = dir;
  }

  #path(id: string): string {
    if (!/^file-[A-Za-z0-9]+$/.test(id)) throw new Error(`not a file id: ${id}`);
    return join(this.#dir, `${id}.jsonl`);
  }

  /** Streams an upload to disk, refusing it past `maxBytes`; returns its size and line count. */
  async saveStream(id: string, source: Readable, maxBytes: number): Promise<{ bytes: number; lines: number }> {
    const target = this.#path(id);
    const partial = `${target}.part`;
    let bytes = 0;
    let lines = 0;
    let last = 0x0a;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          callback(new FileTooLargeError(maxBytes));
          return;
        }
        for (const byte of chunk) if (byte === 0x0a) lines += 1;
        if (chunk.length > 0) last = chunk[chunk.length - 1] as number;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, count, createWriteStream(partial, { mode: PRIVATE_FILE_MODE }));
      // A truncated stream (the multipart limit) ends without an error: treat it as too large.
      if ((source as Readable & { truncated?: boolean }).truncated) throw new FileTooLargeError(maxBytes);
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { bytes, lines: lines + (bytes > 0 && last !== 0x0a ? 1 : 0) };
  }

  /** Writes a whole file (output and error files). */
  async saveText(id: string, text: string): Promise<void> {
    const target = this.#path(id);
    await writeFile(`${target}.part`, text, { mode: PRIVATE_FILE_MODE });
    await rename(`${target}.part`, target);
  }

  async readText(id: string): Promise<string> {
    return readFile(this.#path(id), 'utf8');
  }

  async read(id: string): Promise<Buffer> {
    return readFile(this.#path(id));
  }

  async remove(id: string): Promise<void> {
    await rm(this.#path(id), { force: true });
  }
}
