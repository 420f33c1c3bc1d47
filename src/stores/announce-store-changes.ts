import type { ChangeFeed, ChangeNotice } from './change-feed.js';
import type { StoreSet } from './store-set.js';

type Announce = (args: unknown[], result: unknown) => ChangeNotice | undefined;

/**
 * The same stores, telling the other nodes (through `feed`) what each successful write changed,
 * so their in-memory copies re-read it. Every write of the gateway goes through the store set,
 * so no caller has to remember to announce; reads pass straight through.
 */
export function announceStoreChanges(stores: StoreSet, feed: ChangeFeed): StoreSet {
  const byHash: Announce = (args) => ({ topic: 'key', id: String(args[0]) });
  return {
    ...stores,
    // Spread drops class methods: re-attach the lifecycle ones bound to the original set.
    ping: () => stores.ping(),
    close: () => stores.close(),
    keys: announcing(stores.keys, feed, {
      create: (args) => ({ topic: 'key', id: (args[0] as { hash: string }).hash }),
      update: byHash,
      delete: byHash,
    }),
    keyRateLimits: announcing(stores.keyRateLimits, feed, {
      set: (args) => ({ topic: 'key-rate-limits', id: String(args[0]) }),
      delete: (args) => ({ topic: 'key-rate-limits', id: String(args[0]) }),
    }),
    guardrails: announcing(stores.guardrails, feed, {
      create: () => ({ topic: 'guardrails' }),
      update: () => ({ topic: 'guardrails' }),
      delete: () => ({ topic: 'guardrails' }),
      assign: () => ({ topic: 'guardrails' }),
      unassign: () => ({ topic: 'guardrails' }),
    }),
    privacy: announcing(stores.privacy, feed, { putSettings: () => ({ topic: 'privacy' }) }),
    workspaces: announcing(stores.workspaces, feed, {
      createWorkspace: () => ({ topic: 'workspaces' }),
      createMember: () => ({ topic: 'workspaces' }),
      updateMember: () => ({ topic: 'workspaces' }),
    }),
    ledger: announcing(stores.ledger, feed, {
      addCredits: (args) => ({ topic: 'credits', id: (args[0] as { workspaceId: string }).workspaceId }),
    }),
  };
}

/**
 * A view of `store` whose listed methods announce after they resolve. Methods are bound to the
 * store once (class private fields need the real `this`), so the hot path pays one indirection.
 */
function announcing<T extends object>(store: T, feed: ChangeFeed, writes: Partial<Record<keyof T & string, Announce>>): T {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property) {
      const cached = bound.get(property);
      if (cached !== undefined) return cached;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      const announce = writes[property as keyof T & string];
      const wrapped = announce
        ? async (...args: unknown[]) => {
            const result = await method.apply(target, args);
            const notice = announce(args, result);
            if (notice) feed.publish(notice);
            return result;
          }
        : method.bind(target);
      bound.set(property, wrapped);
      return wrapped;
    },
  });
}
