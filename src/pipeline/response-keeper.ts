import { RecordingSseSink } from '../cache/recording-sse-sink.js';
import { scrubSecretText } from '../core/secret-registry.js';
import type { CacheTicket } from '../cache/response-cache.js';
import type { InferenceContext, ResponseRecorder } from './inference-context.js';
import type { SseSink } from '../core/sse-sink.js';
import { omitImageData } from '../privacy/omit-image-data.js';
import { summarizeStreamedOutput } from '../privacy/summarize-streamed-output.js';
import type { PrivacyStore } from '../stores/privacy-store.js';

/**
 * Keeps what must outlive a response once it has been sent: a response-cache entry (when the
 * request asked for caching) and the opt-in content log (when the workspace or key opted in).
 * Neither happens for failed, cancelled or errored generations; neither delays the client,
 * since both run after the last byte went out.
 */
export class ResponseKeeper implements ResponseRecorder {
  readonly #ctx: InferenceContext;
  readonly #cache: CacheTicket | undefined;
  readonly #log: { store: PrivacyStore; retentionMs: number; requestBody: unknown } | undefined;
  readonly #maxRecordBytes: number;
  #recorder: RecordingSseSink | undefined;
  #logged: { input: string; output: string } | undefined;

  constructor(options: {
    ctx: InferenceContext;
    cache: CacheTicket | undefined;
    log: { store: PrivacyStore; retentionMs: number; requestBody: unknown } | undefined;
    maxRecordBytes: number;
  }) {
    this.#ctx = options.ctx;
    this.#cache = options.cache;
    this.#log = options.log;
    this.#maxRecordBytes = options.maxRecordBytes;
  }

  /** The sink to stream into: a recording one when anything is to be kept. */
  wrap(sink: SseSink): SseSink {
    if (!this.#cache && !this.#log) return sink;
    this.#recorder = new RecordingSseSink(sink, { maxBytes: this.#maxRecordBytes });
    return this.#recorder;
  }

  keepJson(text: string | undefined): Promise<void> | undefined {
    // Nothing to keep (the usual case): no promise at all.
    if (text === undefined || (!this.#cache && !this.#log)) return undefined;
    return this.#keepJson(text);
  }

  async #keepJson(text: string): Promise<void> {
    await this.#cache?.save({ ...this.#entryFields(), body: { kind: 'json', text } });
    await this.#logContent(text);
  }

  async keepStream(): Promise<void> {
    const payloads = this.#recorder?.payloads;
    if (!payloads || this.#ctx.cancelled || this.#ctx.finishReason === 'error') return;
    // A stream with router metadata in its last chunk is not replayed from the cache (per-request data).
    if (!this.#ctx.routing.explain) await this.#cache?.save({ ...this.#entryFields(), body: { kind: 'stream', payloads } });
    if (this.#log) await this.#logContent(JSON.stringify(summarizeStreamedOutput(payloads)));
  }

  async #logContent(output: string): Promise<void> {
    if (!this.#log) return;
    const { caller, generationId, startedAt } = this.#ctx;
    // Stored records never hold a secret of the gateway's, even one an upstream echoed; image
    // data (prompt images, generated images) is replaced by its size.
    const logged = { input: omitImageData(scrubSecretText(JSON.stringify(this.#log.requestBody))), output: omitImageData(scrubSecretText(output)) };
    this.#logged = logged;
    await this.#log.store.saveContent({
      generationId,
      workspaceId: caller.key.workspaceId,
      keyHash: caller.key.hash,
      ...logged,
      createdAt: startedAt,
      expiresAt: startedAt + this.#log.retentionMs,
    });
  }

  /** The content log's entry of this request, once kept (the generation export may pass it on). */
  get loggedContent(): { input: string; output: string } | undefined {
    return this.#logged;
  }

  #entryFields() {
    const ctx = this.#ctx;
    return {
      sourceId: ctx.generationId,
      model: ctx.served?.model.model.id ?? ctx.request.model ?? '',
      providerName: ctx.served?.endpoint.provider.name ?? null,
      finishReason: ctx.finishReason,
      // Credits charged plus what a BYOK key paid the provider: what a replay saves.
      costPico: String((ctx.cost?.total ?? 0n) + ctx.byokCostPico),
    };
  }
}
