/**
 * What changed in the durable stores, told to every gateway node so the copies they keep in
 * memory (keys, per-key rate limits, guardrails, privacy settings, workspaces, credits) follow
 * within a second. A notice carries no data, only what to re-read from the database, so a lost
 * or repeated notice is harmless (nodes re-read everything after a gap).
 */
export type ChangeTopic = 'key' | 'key-rate-limits' | 'guardrails' | 'privacy' | 'workspaces' | 'credits';

export interface ChangeNotice {
  topic: ChangeTopic;
  /** The key hash (key, key-rate-limits) or workspace id (credits); absent = re-read the topic. */
  id?: string;
}

export interface ChangeFeed {
  /** Tells the other nodes; never throws and never waits (delivery is best effort, see resync). */
  publish(notice: ChangeNotice): void;
  /**
   * `onNotice` runs for every notice from another node; `onResync` when notices may have been
   * missed (the connection was lost and is back, or is still down: then every few seconds). Each
   * resolves once the node's copies have re-read what changed.
   */
  subscribe(handlers: { onNotice(notice: ChangeNotice): Promise<void>; onResync(): Promise<void> }): void;
  close(): Promise<void>;
}

/** One node alone: nobody to tell. */
export const LOCAL_CHANGE_FEED: ChangeFeed = {
  publish() {},
  subscribe() {},
  async close() {},
};
