import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { KeyRegistry } from '../../auth/key-registry.js';
import type { BatchService, SavedUpload } from '../../batch/batch-service.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { parseWithSchema } from '../codecs/parse-with-schema.js';
import { encodeBatch, encodeFile, encodePage } from '../batch/encode-batch-objects.js';
import { readQueryInteger } from '../read-query-integer.js';

const createBatchSchema = z.strictObject({
  input_file_id: z.string().min(1),
  endpoint: z.string(),
  completion_window: z.string(),
  metadata: z
    .record(z.string().max(64), z.string().max(512))
    .refine((value) => Object.keys(value).length <= 16, 'at most 16 keys')
    .nullable()
    .optional(),
});

/**
 * OpenAI's Files and Batches APIs under /api/v1 (inference keys), so the `openai` SDK's
 * `files.create` / `files.content` / `batches.create` / `retrieve` / `list` / `cancel` work with
 * the gateway as base URL. Each key sees only its own files and batches.
 * @see https://platform.openai.com/docs/api-reference/batch
 */
export function registerBatchRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; batches: BatchService; maxFileBytes: number }): void {
  const keyOf = (authorization: string | undefined) => deps.keys.authenticate(authorization, 'inference').key;
  void app.register(async (scope) => {
    // Scoped: multipart bodies are accepted on this route only. The file part is streamed to disk.
    await scope.register(multipart, { limits: { fileSize: deps.maxFileBytes + 1, files: 1, fields: 8, fieldSize: 1024, parts: 10 } });
    scope.post('/api/v1/files', async (request, reply) => {
      const key = keyOf(request.headers.authorization);
      if (!request.isMultipart()) throw new InvalidRequestError('Upload the file as multipart/form-data with the fields "file" and "purpose".');
      let saved: SavedUpload | undefined;
      let filename = 'upload.jsonl';
      let purpose: string | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || saved) throw new InvalidRequestError(`Unexpected file field "${part.fieldname}"; send one file in the field "file".`);
            filename = part.filename || filename;
            saved = await deps.batches.saveUpload(part.file);
          } else if (part.fieldname === 'purpose') {
            purpose = String(part.value);
          } else {
            throw new InvalidRequestError(`Unknown form field "${part.fieldname}"; the fields are "file" and "purpose".`);
          }
        }
      } catch (error) {
        if (saved) await deps.batches.discardUpload(saved);
        throw error;
      }
      if (!saved) throw new InvalidRequestError('The form has no "file" field.');
      const file = await deps.batches.registerUpload({ key, filename, purpose, saved });
      return reply.code(200).send(encodeFile(file));
    });
  });

  app.get<{ Querystring: { purpose?: string; after?: string; limit?: string } }>('/api/v1/files', async (request) => {
    const key = keyOf(request.headers.authorization);
    const { purpose, after } = request.query;
    if (purpose !== undefined && purpose !== 'batch' && purpose !== 'batch_output') throw new InvalidRequestError('purpose must be "batch" or "batch_output"');
    const limit = readQueryInteger(request.query.limit, { name: 'limit', fallback: 100, min: 1, max: 10_000 });
    const rows = await deps.batches.listFiles(key, { purpose, after, limit: limit + 1 });
    return encodePage(rows, limit, encodeFile);
  });

  app.get<{ Params: { id: string } }>('/api/v1/files/:id', async (request) => encodeFile(await deps.batches.getFile(request.params.id, keyOf(request.headers.authorization))));

  app.get<{ Params: { id: string } }>('/api/v1/files/:id/content', async (request, reply) => {
    const content = await deps.batches.fileContent(request.params.id, keyOf(request.headers.authorization));
    return reply.type('application/jsonl').send(content);
  });

  app.delete<{ Params: { id: string } }>('/api/v1/files/:id', async (request) => {
    await deps.batches.deleteFile(request.params.id, keyOf(request.headers.authorization));
    return { id: request.params.id, object: 'file', deleted: true };
  });

  app.post('/api/v1/batches', async (request) => {
    const key = keyOf(request.headers.authorization);
    const body = parseWithSchema(createBatchSchema, request.body);
    const batch = await deps.batches.createBatch({
      key,
      inputFileId: body.input_file_id,
      endpoint: body.endpoint,
      completionWindow: body.completion_window,
      metadata: body.metadata ?? null,
    });
    return encodeBatch(batch);
  });

  app.get<{ Querystring: { after?: string; limit?: string } }>('/api/v1/batches', async (request) => {
    const key = keyOf(request.headers.authorization);
    const limit = readQueryInteger(request.query.limit, { name: 'limit', fallback: 20, min: 1, max: 100 });
    const rows = await deps.batches.listBatches(key, { after: request.query.after, limit: limit + 1 });
    return encodePage(rows, limit, encodeBatch);
  });

  app.get<{ Params: { id: string } }>('/api/v1/batches/:id', async (request) => encodeBatch(await deps.batches.getBatch(request.params.id, keyOf(request.headers.authorization))));

  app.post<{ Params: { id: string } }>('/api/v1/batches/:id/cancel', async (request) => encodeBatch(await deps.batches.cancel(request.params.id, keyOf(request.headers.authorization))));
}
