import { blockedError, blocks, scanText } from "./apply-content-policy.js";
import { DLP_MAX_MATCH_CHARS } from "./dlp/builtin-dlp-detectors.js";
import { findStreamCut } from "./dlp/find-stream-cut.js";
import { redactFindings } from "./text-finding.js";
const STREAM_HOLDBACK_CHARS = DLP_MAX_MATCH_CHARS;
const STREAM_RELEASE_STEP_CHARS = 128;
const STREAM_CONTEXT_CHARS = 64;
class GuardedStreamEncoder {
  relaysOpenAIFrames = false;
  findings = [];
  #inner;
  #filters;
  #held = /* @__PURE__ */ new Map();
  /** Custom patterns present: hold a fixed tail (see the class comment). */
  #fixedHoldback;
  #onFindings;
  constructor(inner, options) {
    this.#inner = inner;
    this.#filters = options.filters;
    this.#fixedHoldback = options.filters.some((filter) => !filter.id.startsWith("builtin:"));
    this.#onFindings = options.onFindings;
  }
  encodeParts(parts) {
    const out = [];
    for (const part of parts) {
      if (part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-call-delta") {
        out.push(...this.#endEarlierBlocks(part));
        const released = this.#hold(part);
        if (released) out.push(released);
      } else if (part.type === "finish") {
        out.push(...this.#flush(part.choice));
        out.push(part);
      } else out.push(part);
    }
    return out.length === 0 ? [] : this.#inner.encodeParts(out);
  }
  encodeUsage(usage) {
    const rest = this.#flush(void 0);
    const usageChunk = this.#inner.encodeUsage(usage);
    if (rest.length === 0) return usageChunk;
    return [...this.#inner.encodeParts(rest), usageChunk].join("\n\ndata: ");
  }
  encodeError(error) {
    return this.#inner.encodeError(error);
  }
  /** Releases what an earlier block of the same choice still holds, when a later block starts. */
  #endEarlierBlocks(part) {
    const out = [];
    for (const [key, block] of this.#held) {
      const earlier = block.template;
      if (earlier.choice !== part.choice || earlier.type === part.type) continue;
      if (earlier.type === "reasoning-delta" || earlier.type === "text-delta" && part.type === "tool-call-delta") {
        out.push(...this.#release(key, block));
      }
    }
    return out;
  }
  #hold(part) {
    const key = blockKey(part);
    const block = this.#held.get(key) ?? { template: part, text: "", context: "" };
    block.text += part.type === "tool-call-delta" ? part.argumentsDelta : part.text;
    this.#held.set(key, block);
    let cut;
    if (this.#fixedHoldback) {
      if (block.text.length < STREAM_HOLDBACK_CHARS + STREAM_RELEASE_STEP_CHARS) return void 0;
      cut = block.text.length - STREAM_HOLDBACK_CHARS;
    } else {
      cut = findStreamCut(block.text, STREAM_HOLDBACK_CHARS);
    }
    if (cut <= 0) return void 0;
    const findings = this.#scanHeld(block);
    for (const finding of findings) if (finding.start < cut && finding.end > cut) cut = Math.min(cut, finding.start);
    if (cut <= 0) return void 0;
    const released = findings.filter((f) => f.end <= cut);
    this.#note(released);
    const text = redactFindings(block.text.slice(0, cut), released);
    block.context = (block.context + block.text.slice(0, cut)).slice(-STREAM_CONTEXT_CHARS);
    block.text = block.text.slice(cut);
    return withText(block.template, text);
  }
  /**
   * Findings in the held text, scanned behind its released context; positions are in the
   * held text. A match reaching back into released text (possible only past the hold-back
   * cap) is clipped to the held part: redacting more is the safe side.
   */
  #scanHeld(block) {
    const offset = block.context.length;
    const { findings } = scanText(block.context + block.text, this.#filters);
    const out = [];
    for (const f of findings) {
      if (f.end <= offset) continue;
      out.push({ ...f, start: Math.max(f.start - offset, 0), end: f.end - offset });
    }
    return out;
  }
  #flush(choice) {
    const out = [];
    for (const [key, block] of this.#held) {
      if (choice !== void 0 && block.template.choice !== choice) continue;
      out.push(...this.#release(key, block));
    }
    return out;
  }
  #release(key, block) {
    this.#held.delete(key);
    if (block.text.length === 0) return [];
    const findings = this.#scanHeld(block);
    this.#note(findings);
    return [withText(block.template, redactFindings(block.text, findings))];
  }
  #note(found) {
    if (found.length === 0) return;
    const findings = found.map((f) => ({ name: f.name, action: f.action, kind: f.kind, direction: "output" }));
    this.findings.push(...findings);
    this.#onFindings(findings);
    if (blocks(findings)) throw blockedError(this.findings, "output");
  }
}
function blockKey(part) {
  return part.type === "tool-call-delta" ? `t|${part.choice}|${part.index}` : `${part.type === "text-delta" ? "c" : "r"}|${part.choice}`;
}
function withText(template, text) {
  if (template.type === "tool-call-delta") return { ...template, argumentsDelta: text };
  if (template.type === "reasoning-delta") return { type: "reasoning-delta", choice: template.choice, text };
  return { ...template, text };
}
export {
  GuardedStreamEncoder,
  STREAM_CONTEXT_CHARS,
  STREAM_HOLDBACK_CHARS,
  STREAM_RELEASE_STEP_CHARS
};
//# sourceMappingURL=guard-output-stream.js.map
