import { toFile, type OpenAI } from 'openai';

/** Uploads JSONL lines as a batch input file; returns its id. */
export async function upload(client: OpenAI, lines: string[]): Promise<string> {
  const file = await client.files.create({ file: await toFile(Buffer.from(lines.join('\n') + '\n'), 'input.jsonl'), purpose: 'batch' });
  return file.id;
}

/** Polls the batch until it reaches one of the statuses. */
export async function waitForStatus(client: OpenAI, id: string, statuses: string[], timeoutMs = 20_000): Promise<OpenAI.Batch> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const batch = await client.batches.retrieve(id);
    if (statuses.includes(batch.status)) return batch;
    if (Date.now() > deadline) throw new Error(`batch ${id} still ${batch.status} (${JSON.stringify(batch.request_counts)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A JSONL file's rows. */
export async function readJsonl(client: OpenAI, fileId: string): Promise<Array<Record<string, any>>> {
  const text = await (await client.files.content(fileId)).text();
  return text.trim().split('\n').map((row) => JSON.parse(row) as Record<string, any>);
}

