/**
 * A string-keyed table for entries that come and go with each request, on a null-prototype
 * object in dictionary mode rather than a Map.
 *
 * Why not a Map: as entries are added and deleted, V8 replaces a Map's (or Set's) hash table, and
 * the replaced table keeps every entry it held plus a link to its successor until the next full
 * GC (so that live iterators can follow). Once a mark-compact has moved one such table to the old
 * generation, each scavenge finds the next table alive through it, and the one after that, so
 * every entry of every table since is kept past two scavenges and promoted: garbage that only a
 * full GC frees, and more full GCs. A dictionary-mode object that outgrows its storage gets a new
 * one too, but the old storage points at nothing newer. BENCHMARKS.md, session 15, has the figures.
 */
export class StringDictionary<V> {
  #entries: Record<string, V> = Object.create(null) as Record<string, V>;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(key: string): V | undefined {
    return this.#entries[key];
  }

  has(key: string): boolean {
    return key in this.#entries;
  }

  set(key: string, value: V): void {
    if (!(key in this.#entries)) this.#size += 1;
    this.#entries[key] = value;
  }

  delete(key: string): boolean {
    if (!(key in this.#entries)) return false;
    delete this.#entries[key];
    this.#size -= 1;
    return true;
  }

  clear(): void {
    this.#entries = Object.create(null) as Record<string, V>;
    this.#size = 0;
  }

  *entries(): IterableIterator<[string, V]> {
    for (const key in this.#entries) yield [key, this.#entries[key] as V];
  }

  *values(): IterableIterator<V> {
    for (const key in this.#entries) yield this.#entries[key] as V;
  }
}
