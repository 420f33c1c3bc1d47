import { Node, Yallist } from 'yallist';
import type { InferenceContext } from './inference-context.js';

/** A request's place in {@link InFlightRequests}, given back to leave it. */
export type InFlightEntry = Node<InferenceContext>;

/**
 * The inference requests in flight in this process, so a stop can abort the stragglers. A linked
 * list whose nodes are unlinked when a request leaves, not a Set: V8 replaces a Set's or Map's
 * hash table as entries come and go, and the table it replaced keeps every entry it held and a
 * pointer to its successor until the next full GC. Once a full GC had moved one of those tables to
 * the old generation, each scavenge found the next table alive through it, so the contexts of every
 * request in flight at each replacement — the whole request, its body, answer and upstream
 * exchange — were kept past two scavenges and promoted: 4–5 KB per request under load, three mark-
 * compacts every two seconds, and a fifth of the gateway's CPU in the collector
 * (bench/trace-gateway-gc.ts; BENCHMARKS.md, session 15). An unlinked node points at nothing newer.
 */
export class InFlightRequests {
  readonly #list = new Yallist<InferenceContext>();

  get size(): number {
    return this.#list.length;
  }

  add(ctx: InferenceContext): InFlightEntry {
    const node = new Node(ctx);
    this.#list.pushNode(node);
    return node;
  }

  remove(entry: InFlightEntry): void {
    if (entry.list === this.#list) this.#list.removeNode(entry);
  }

  [Symbol.iterator](): IterableIterator<InferenceContext> {
    return [...this.#list][Symbol.iterator]();
  }
}
