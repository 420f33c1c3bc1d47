import { randomBytes } from "node:crypto";
import { GEMINI_REASONING_FORMAT } from "./gemini-api.js";
class GeminiPartReader {
  #toolIndex = 0;
  #detailIndex = 0;
  #idPrefix = `call_${randomBytes(9).toString("base64url")}`;
  hasToolCalls = false;
  read(parts) {
    const pieces = [];
    for (const part of parts ?? []) {
      if (!part || typeof part !== "object") continue;
      if (part.functionCall && typeof part.functionCall.name === "string") {
        const index = this.#toolIndex++;
        const id = typeof part.functionCall.id === "string" && part.functionCall.id ? part.functionCall.id : `${this.#idPrefix}_${index}`;
        this.hasToolCalls = true;
        if (part.thoughtSignature) pieces.push({ kind: "reasoning", text: "", details: [this.#encrypted(part.thoughtSignature, id)] });
        pieces.push({ kind: "tool-call", index, id, name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) });
        continue;
      }
      const text = typeof part.text === "string" ? part.text : "";
      if (part.thought) {
        const details = [];
        if (text) details.push({ type: "reasoning.text", text, format: GEMINI_REASONING_FORMAT, index: this.#detailIndex++ });
        if (part.thoughtSignature) details.push(this.#encrypted(part.thoughtSignature));
        if (details.length > 0) pieces.push({ kind: "reasoning", text, details });
        continue;
      }
      if (text) pieces.push({ kind: "text", text });
      if (part.thoughtSignature) pieces.push({ kind: "reasoning", text: "", details: [this.#encrypted(part.thoughtSignature)] });
    }
    return pieces;
  }
  #encrypted(data, id) {
    const detail = { type: "reasoning.encrypted", data, format: GEMINI_REASONING_FORMAT, index: this.#detailIndex++ };
    if (id) detail.id = id;
    return detail;
  }
}
export {
  GeminiPartReader
};
//# sourceMappingURL=read-gemini-parts.js.map
