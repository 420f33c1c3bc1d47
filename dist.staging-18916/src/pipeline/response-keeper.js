import { RecordingSseSink } from "../cache/recording-sse-sink.js";
import { summarizeStreamedOutput } from "../privacy/summarize-streamed-output.js";
class ResponseKeeper {
  #ctx;
  #cache;
  #log;
  #maxRecordBytes;
  #recorder;
  constructor(options) {
    this.#ctx = options.ctx;
    this.#cache = options.cache;
    this.#log = options.log;
    this.#maxRecordBytes = options.maxRecordBytes;
  }
  /** The sink to stream into: a recording one when anything is to be kept. */
  wrap(sink) {
    if (!this.#cache && !this.#log) return sink;
    this.#recorder = new RecordingSseSink(sink, { maxBytes: this.#maxRecordBytes });
    return this.#recorder;
  }
  async keepJson(text) {
    if (text === void 0) return;
    await this.#cache?.save({ ...this.#entryFields(), body: { kind: "json", text } });
    await this.#logContent(text);
  }
  async keepStream() {
    const payloads = this.#recorder?.payloads;
    if (!payloads || this.#ctx.cancelled || this.#ctx.finishReason === "error") return;
    if (!this.#ctx.routing.explain) await this.#cache?.save({ ...this.#entryFields(), body: { kind: "stream", payloads } });
    if (this.#log) await this.#logContent(JSON.stringify(summarizeStreamedOutput(payloads)));
  }
  async #logContent(output) {
    if (!this.#log) return;
    const { caller, generationId, startedAt } = this.#ctx;
    await this.#log.store.saveContent({
      generationId,
      workspaceId: caller.key.workspaceId,
      keyHash: caller.key.hash,
      input: JSON.stringify(this.#log.requestBody),
      output,
      createdAt: startedAt,
      expiresAt: startedAt + this.#log.retentionMs
    });
  }
  #entryFields() {
    const ctx = this.#ctx;
    return {
      sourceId: ctx.generationId,
      model: ctx.served?.model.model.id ?? ctx.request.model ?? "",
      providerName: ctx.served?.endpoint.provider.name ?? null,
      finishReason: ctx.finishReason
    };
  }
}
export {
  ResponseKeeper
};
//# sourceMappingURL=response-keeper.js.map
