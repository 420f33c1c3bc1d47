import type { PrivacySettings } from '../../core/privacy-settings.js';
import type { GenerationContent, PrivacyStore } from '../privacy-store.js';

/** PrivacyStore in process memory (tests, `memory:` databases). */
export class MemoryPrivacyStore implements PrivacyStore {
  readonly #settings = new Map<string, PrivacySettings>();
  readonly #content = new Map<string, GenerationContent>();

  async listSettings(): Promise<Array<{ workspaceId: string; settings: PrivacySettings }>> {
    return [...this.#settings].map(([workspaceId, settings]) => ({ workspaceId, settings: structuredClone(settings) }));
  }

  async putSettings(workspaceId: string, settings: PrivacySettings): Promise<void> {
    this.#settings.set(workspaceId, structuredClone(settings));
  }

  async saveContent(record: GenerationContent): Promise<void> {
    if (!this.#content.has(record.generationId)) this.#content.set(record.generationId, { ...record });
  }

  async findContent(id: string, workspaceId: string, now: number): Promise<GenerationContent | undefined> {
    const record = this.#content.get(id);
    return record && record.workspaceId === workspaceId && record.expiresAt > now ? { ...record } : undefined;
  }

  async purgeExpiredContent(now: number): Promise<number> {
    let purged = 0;
    for (const [id, record] of this.#content) {
      if (record.expiresAt <= now) {
        this.#content.delete(id);
        purged += 1;
      }
    }
    return purged;
  }
}
