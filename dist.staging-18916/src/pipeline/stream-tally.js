import { readOpenAIFramesText } from "../protocols/openai-chat/relay-openai-frame.js";
class StreamTally {
  upstreamId = null;
  finishReason = null;
  nativeFinishReason = null;
  tokens;
  #frames = [];
  #text = "";
  retain(frame) {
    if (!this.tokens) this.#frames.push(frame);
  }
  addParts(parts) {
    for (const part of parts) {
      if (part.type === "response-start") this.upstreamId = part.upstreamId;
      else if (part.type === "text-delta" || part.type === "reasoning-delta") this.#text += part.text;
      else if (part.type === "tool-call-delta") this.#text += part.argumentsDelta;
      else if (part.type === "finish") {
        this.finishReason = part.finishReason;
        this.nativeFinishReason = part.nativeFinishReason;
      } else if (part.type === "usage") this.tokens = part.tokens;
    }
  }
  /** The text streamed so far; only assembled when the upstream sent no usage. */
  streamedText() {
    return this.#text + readOpenAIFramesText(this.#frames);
  }
}
export {
  StreamTally
};
//# sourceMappingURL=stream-tally.js.map
