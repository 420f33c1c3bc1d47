import type { Logger } from 'pino';
import type { KeyRegistry } from './auth/key-registry.js';
import type { WorkspaceDirectory } from './billing/workspace-directory.js';
import type { GuardrailRegistry } from './guardrails/guardrail-registry.js';
import type { WorkspacePrivacy } from './privacy/workspace-privacy.js';
import type { KeyRateLimitRegistry } from './rate-limits/key-rate-limit-registry.js';
import type { ChangeFeed, ChangeNotice } from './stores/change-feed.js';
import type { Ledger } from './stores/ledger.js';

/** The in-memory copies a node keeps of durable state, each able to re-read itself. */
export interface FollowedCopies {
  keys: KeyRegistry;
  keyRateLimits: KeyRateLimitRegistry;
  guardrails: GuardrailRegistry;
  privacy: WorkspacePrivacy;
  directory: WorkspaceDirectory;
  ledger: Ledger;
}

/**
 * Keeps this node's copies in step with changes made on other nodes: each notice re-reads what
 * it names from the database; a resync re-reads everything. Re-reads of one topic never overlap:
 * notices arriving during one are folded into one more re-read after it.
 */
export function followStoreChanges(feed: ChangeFeed, copies: FollowedCopies, logger: Logger): void {
  const running = new Map<string, Pass>();
  const reread = async (topic: string, ids: Set<string> | 'all'): Promise<void> => {
    switch (topic) {
      case 'key':
        // A key's rate limits are stored before the key (key-management-routes.ts): re-read them first,
        // so a key made with limits is never served here without them.
        await copies.keyRateLimits.reload();
        if (ids === 'all') await copies.keys.reload();
        else for (const id of ids) await copies.keys.refresh(id);
        return;
      case 'key-rate-limits':
        return copies.keyRateLimits.reload();
      case 'guardrails':
        return copies.guardrails.reload();
      case 'privacy':
        return copies.privacy.reload();
      case 'workspaces':
        return copies.directory.reload();
      case 'credits':
        return copies.directory.refreshCredits(copies.ledger, ids === 'all' ? undefined : [...ids]);
    }
  };
  /** Resolves once a re-read that started after this call has finished. */
  const schedule = (topic: string, id: string | undefined): Promise<void> => {
    const current = running.get(topic);
    if (current) {
      current.next ??= { ids: new Set(), waiters: [] };
      addId(current.next, id);
      return new Promise((resolve) => current.next!.waiters.push(resolve));
    }
    const pass: Pass = { ids: new Set(), waiters: [] };
    addId(pass, id);
    running.set(topic, pass);
    const done = new Promise<void>((resolve) => pass.waiters.push(resolve));
    void (async () => {
      let batch: Pass | undefined = pass;
      while (batch) {
        try {
          await reread(topic, batch.ids);
        } catch (error) {
          logger.error({ err: error, topic }, 'could not re-read a change made on another node; retrying at the next resync');
        }
        for (const resolve of batch.waiters) resolve();
        batch = (running.get(topic) as Pass).next;
        if (batch) running.set(topic, batch);
      }
      running.delete(topic);
    })();
    return done;
  };
  feed.subscribe({
    onNotice: (notice: ChangeNotice) => schedule(notice.topic, notice.id),
    onResync: async () => {
      await Promise.all(['key', 'key-rate-limits', 'guardrails', 'privacy', 'workspaces', 'credits'].map((topic) => schedule(topic, undefined)));
    },
  });
}

/** One re-read of a topic: which ids (or all), and who waits for it; `next` gathers what arrives meanwhile. */
interface Pass {
  ids: Set<string> | 'all';
  waiters: Array<() => void>;
  next?: Pass;
}

function addId(pass: Pass, id: string | undefined): void {
  if (id === undefined) pass.ids = 'all';
  else if (pass.ids !== 'all') pass.ids.add(id);
}
