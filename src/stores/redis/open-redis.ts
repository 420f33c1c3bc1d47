import { Redis } from 'ioredis';

/** What the Redis-backed parts log through (a pino logger fits). */
export interface RedisLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * One node's connection to the shared Redis. Every key the gateway writes starts with `prefix`
 * (ioredis `keyPrefix`), and so does every pub/sub channel (`channel()`), so several
 * deployments or test runs can share one server.
 *
 * Commands never wait for a lost connection: the offline queue is off and each command times
 * out after `commandTimeoutMs`, so a Redis outage turns into fast errors the callers degrade on
 * (see docs/scale-out.md) instead of requests that hang. The client reconnects by itself.
 */
export interface RedisConnection {
  readonly client: Redis;
  readonly prefix: string;
  /** The full name of a pub/sub channel (prefixed like the keys). */
  channel(name: string): string;
  /** A second connection for subscribing (a subscribed connection cannot run other commands). */
  subscriber(): Redis;
  /** True while commands can be sent. */
  isReady(): boolean;
  close(): Promise<void>;
}

export interface OpenRedisOptions {
  url: string;
  prefix: string;
  log: RedisLog;
  /** How long start-up waits for the first connection (default 5 s). */
  connectTimeoutMs?: number;
  /** Longest a command may take before it fails (default 1 s). */
  commandTimeoutMs?: number;
}

/**
 * Connects to Redis or throws one clear error (unreachable, refused, bad credentials) within
 * `connectTimeoutMs`: a node configured for shared state must not start without it. Once running,
 * a lost connection is logged once, retried with backoff (at most 1 s apart) and logged again when
 * it is back.
 */
export async function openRedis(options: OpenRedisOptions): Promise<RedisConnection> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  const commandTimeout = options.commandTimeoutMs ?? 1000;
  const where = describeUrl(options.url);
  const make = () =>
    new Redis(options.url, {
      keyPrefix: options.prefix,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout,
      connectTimeout: Math.min(connectTimeoutMs, 2000),
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1000),
      // The gateway names its own connections, so `CLIENT LIST` tells nodes apart.
      connectionName: 'switchyard',
    });
  const client = make();
  client.on('error', () => {
    // Logged once per outage below; ioredis emits this on every failed reconnect.
  });
  try {
    await withTimeout(client.connect(), connectTimeoutMs, `Redis at ${where} did not answer within ${connectTimeoutMs} ms`);
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(`Cannot connect to Redis at ${where}: ${(error as Error).message}`);
  }
  const log = options.log;
  let lost = false;
  let closing = false;
  client.on('close', () => {
    if (closing || lost) return;
    lost = true;
    log.error({ redis: where }, 'Redis connection lost: running degraded until it is back (see docs/scale-out.md)');
  });
  client.on('ready', () => {
    if (!lost) return;
    lost = false;
    log.info({ redis: where }, 'Redis connection restored');
  });
  const extra: Redis[] = [];
  return {
    client,
    prefix: options.prefix,
    channel: (name) => `${options.prefix}${name}`,
    subscriber() {
      const sub = client.duplicate({ keyPrefix: undefined, enableOfflineQueue: true, lazyConnect: false, commandTimeout: undefined });
      sub.on('error', () => {});
      extra.push(sub);
      return sub;
    },
    isReady: () => client.status === 'ready',
    async close() {
      closing = true;
      for (const sub of extra) sub.disconnect();
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}

/** host:port of a Redis URL, never its credentials (they would end up in logs). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
