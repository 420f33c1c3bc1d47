import type { StreamPart } from '../core/canonical/stream-part.js';
import type { Usage } from '../core/canonical/usage.js';
import type { StreamEncoder } from '../core/sse-sink.js';
import { blockedError, blocks, scanText, type GuardFinding } from './apply-content-policy.js';
import type { CompiledFilter } from './compile-content-policy.js';
import { DLP_MAX_MATCH_CHARS } from './dlp/builtin-dlp-detectors.js';
import { findStreamCut } from './dlp/find-stream-cut.js';
import { redactFindings, type TextFinding } from './text-finding.js';

/**
 * Characters held back at the end of each streamed block until more text or the end arrives:
 * the longest match a built-in can make.
 */
export const STREAM_HOLDBACK_CHARS = DLP_MAX_MATCH_CHARS;
/**
 * Text is released in steps of at least this many characters past the hold-back, so the
 * held window is scanned once per step rather than once per (often one-word) chunk.
 */
export const STREAM_RELEASE_STEP_CHARS = 128;
/**
 * Already-released text kept in front of the held text when it is scanned, so lookbehinds
 * and context-keyed secrets (`api_key = "…"`, `Bearer …`: the keyword is released before
 * the value arrives) see what the whole text would show them.
 */
export const STREAM_CONTEXT_CHARS = 64;

type HeldPart = Extract<StreamPart, { type: 'text-delta' | 'reasoning-delta' | 'tool-call-delta' }>;

/** Text of one block (a choice's content, its reasoning, or one tool call's arguments) not yet sent. */
interface HeldBlock {
  template: HeldPart;
  text: string;
  /** The last STREAM_CONTEXT_CHARS characters released, as the model wrote them. */
  context: string;
}

/**
 * Wraps a client's stream encoder so the output filters see the model's text before the
 * client does. Each block holds back a tail between chunks, so a match that spans two
 * chunks ("4111 1111" + " 1111 1111") is caught whole and the cut never falls inside a
 * match. With built-in filters only, the tail is just the text that could still become a
 * match (`findStreamCut`: the trailing word, or spaced digit groups), so text reaches the
 * client word by word. Custom patterns can match anything, so with any of them the tail is
 * a fixed STREAM_HOLDBACK_CHARS, released in STREAM_RELEASE_STEP_CHARS steps.
 * Held text is released when the block finishes.
 * Because it rewrites text, it turns off the OpenAI fast path for the requests it wraps
 * (`relaysOpenAIFrames: false`); requests without output filters keep the fast path.
 */
export class GuardedStreamEncoder implements StreamEncoder {
  readonly relaysOpenAIFrames = false;
  readonly findings: GuardFinding[] = [];
  readonly #inner: StreamEncoder;
  readonly #filters: readonly CompiledFilter[];
  readonly #held = new Map<string, HeldBlock>();
  /** Custom patterns present: hold a fixed tail (see the class comment). */
  readonly #fixedHoldback: boolean;

  readonly #onFindings: (findings: GuardFinding[]) => void;

  constructor(inner: StreamEncoder, options: { filters: readonly CompiledFilter[]; onFindings: (findings: GuardFinding[]) => void }) {
    this.#inner = inner;
    this.#filters = options.filters;
    this.#fixedHoldback = options.filters.some((filter) => !filter.id.startsWith('builtin:'));
    this.#onFindings = options.onFindings;
  }

  encodeParts(parts: StreamPart[]): string[] {
    const out: StreamPart[] = [];
    for (const part of parts) {
      if (part.type === 'text-delta' || part.type === 'reasoning-delta' || part.type === 'tool-call-delta') {
        out.push(...this.#endEarlierBlocks(part));
        const released = this.#hold(part);
        if (released) out.push(released);
      } else if (part.type === 'finish') {
        out.push(...this.#flush(part.choice));
        out.push(part);
      } else out.push(part);
    }
    return out.length === 0 ? [] : this.#inner.encodeParts(out);
  }

  encodeUsage(usage: Usage): string {
    const rest = this.#flush(undefined);
    const usageChunk = this.#inner.encodeUsage(usage);
    if (rest.length === 0) return usageChunk;
    // A stream that ended without a finish part still owes the client its held text. The sink
    // writes one `data:` frame per payload, so the frames are joined here.
    return [...this.#inner.encodeParts(rest), usageChunk].join('\n\ndata: ');
  }

  encodeError(error: { code: number; message: string; metadata?: Record<string, unknown> }): string {
    return this.#inner.encodeError(error);
  }

  /** Releases what an earlier block of the same choice still holds, when a later block starts. */
  #endEarlierBlocks(part: HeldPart): HeldPart[] {
    const out: HeldPart[] = [];
    for (const [key, block] of this.#held) {
      const earlier = block.template;
      if (earlier.choice !== part.choice || earlier.type === part.type) continue;
      // Reasoning ends when content or a tool call starts; content ends when a tool call starts.
      if (earlier.type === 'reasoning-delta' || (earlier.type === 'text-delta' && part.type === 'tool-call-delta')) {
        out.push(...this.#release(key, block));
      }
    }
    return out;
  }

  #hold(part: HeldPart): HeldPart | undefined {
    const key = blockKey(part);
    const block = this.#held.get(key) ?? { template: part, text: '', context: '' };
    block.text += part.type === 'tool-call-delta' ? part.argumentsDelta : part.text;
    this.#held.set(key, block);
    let cut: number;
    if (this.#fixedHoldback) {
      if (block.text.length < STREAM_HOLDBACK_CHARS + STREAM_RELEASE_STEP_CHARS) return undefined;
      cut = block.text.length - STREAM_HOLDBACK_CHARS;
    } else {
      cut = findStreamCut(block.text, STREAM_HOLDBACK_CHARS);
    }
    if (cut <= 0) return undefined;
    const findings = this.#scanHeld(block);
    // Never cut inside a match: hold it back whole (it may still grow).
    for (const finding of findings) if (finding.start < cut && finding.end > cut) cut = Math.min(cut, finding.start);
    if (cut <= 0) return undefined;
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
  #scanHeld(block: HeldBlock): TextFinding[] {
    const offset = block.context.length;
    const { findings } = scanText(block.context + block.text, this.#filters);
    const out: TextFinding[] = [];
    for (const f of findings) {
      if (f.end <= offset) continue;
      out.push({ ...f, start: Math.max(f.start - offset, 0), end: f.end - offset });
    }
    return out;
  }

  #flush(choice: number | undefined): HeldPart[] {
    const out: HeldPart[] = [];
    for (const [key, block] of this.#held) {
      if (choice !== undefined && block.template.choice !== choice) continue;
      out.push(...this.#release(key, block));
    }
    return out;
  }

  #release(key: string, block: HeldBlock): HeldPart[] {
    this.#held.delete(key);
    if (block.text.length === 0) return [];
    const findings = this.#scanHeld(block);
    this.#note(findings);
    return [withText(block.template, redactFindings(block.text, findings))];
  }

  #note(found: readonly TextFinding[]): void {
    if (found.length === 0) return;
    const findings = found.map((f): GuardFinding => ({ name: f.name, action: f.action, kind: f.kind, direction: 'output' }));
    this.findings.push(...findings);
    this.#onFindings(findings);
    if (blocks(findings)) throw blockedError(this.findings, 'output');
  }
}

function blockKey(part: HeldPart): string {
  return part.type === 'tool-call-delta' ? `t|${part.choice}|${part.index}` : `${part.type === 'text-delta' ? 'c' : 'r'}|${part.choice}`;
}

function withText(template: HeldPart, text: string): HeldPart {
  if (template.type === 'tool-call-delta') return { ...template, argumentsDelta: text };
  if (template.type === 'reasoning-delta') return { type: 'reasoning-delta', choice: template.choice, text };
  return { ...template, text };
}
