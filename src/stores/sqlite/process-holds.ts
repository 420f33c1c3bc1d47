import { StringDictionary } from '../../core/string-dictionary.js';

/**
 * The reservations of requests in flight in this process, kept in memory instead of as rows.
 * One process owns a SQLite file (workers > 1 needs PostgreSQL: config/check-worker-topology.ts),
 * and an ordinary hold lives exactly as long as the process that made it: after a crash or a
 * restart no request is in flight, so nothing is held. Writing each hold as a row (insert at
 * reserve, delete at settle) and each account's `held` at both ends was a third of the page
 * writes per request and bought nothing a restart keeps. Durable holds (native batches) still
 * are rows: they outlive the process.
 *
 * Changes made inside a ledger transaction are journalled, so a transaction that rolls back
 * takes its hold changes with it (`rollback`), as it would with rows.
 */
export interface ProcessHold {
  amount: bigint;
  scopes: string[];
}

export class ProcessHolds {
  // Dictionaries, not Maps: an entry comes and goes with every request (see StringDictionary).
  readonly #holds = new StringDictionary<ProcessHold>();
  /** Σ amount of the holds per scope. */
  readonly #heldByScope = new StringDictionary<bigint>();
  /** Undo steps of the open transaction, newest last; undefined outside one. */
  #journal: Array<() => void> | undefined;

  /** What this process's holds add to the scope's `held`. */
  heldOn(scope: string): bigint {
    return this.#heldByScope.get(scope) ?? 0n;
  }

  get(generationId: string): ProcessHold | undefined {
    return this.#holds.get(generationId);
  }

  entries(): Iterable<[string, ProcessHold]> {
    return this.#holds.entries();
  }

  add(generationId: string, hold: ProcessHold): void {
    this.#holds.set(generationId, hold);
    this.#shift(hold, 1n);
    this.#journal?.push(() => {
      this.#holds.delete(generationId);
      this.#shift(hold, -1n);
    });
  }

  /** Removes the hold and returns it (undefined when this process holds nothing under that id). */
  take(generationId: string): ProcessHold | undefined {
    const hold = this.#holds.get(generationId);
    if (!hold) return undefined;
    this.#holds.delete(generationId);
    this.#shift(hold, -1n);
    this.#journal?.push(() => {
      this.#holds.set(generationId, hold);
      this.#shift(hold, 1n);
    });
    return hold;
  }

  /** Runs `work` as one unit: if it throws, every hold change it made is undone before the error propagates. */
  atomically<T>(work: () => T): T {
    const journal: Array<() => void> = [];
    this.#journal = journal;
    try {
      return work();
    } catch (error) {
      for (let index = journal.length - 1; index >= 0; index -= 1) journal[index]!();
      throw error;
    } finally {
      this.#journal = undefined;
    }
  }

  #shift(hold: ProcessHold, sign: bigint): void {
    for (const scope of hold.scopes) {
      const next = (this.#heldByScope.get(scope) ?? 0n) + sign * hold.amount;
      if (next === 0n) this.#heldByScope.delete(scope);
      else this.#heldByScope.set(scope, next);
    }
  }
}
