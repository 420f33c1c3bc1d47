import { Redis } from "ioredis";
async function openRedis(options) {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5e3;
  const commandTimeout = options.commandTimeoutMs ?? 1e3;
  const where = describeUrl(options.url);
  const make = () => new Redis(options.url, {
    keyPrefix: options.prefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout,
    connectTimeout: Math.min(connectTimeoutMs, 2e3),
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1e3),
    // The gateway names its own connections, so `CLIENT LIST` tells nodes apart.
    connectionName: "switchyard"
  });
  const client = make();
  client.on("error", () => {
  });
  try {
    await withTimeout(client.connect(), connectTimeoutMs, `Redis at ${where} did not answer within ${connectTimeoutMs} ms`);
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(`Cannot connect to Redis at ${where}: ${error.message}`);
  }
  const log = options.log;
  let lost = false;
  let closing = false;
  client.on("close", () => {
    if (closing || lost) return;
    lost = true;
    log.error({ redis: where }, "Redis connection lost: running degraded until it is back (see docs/scale-out.md)");
  });
  client.on("ready", () => {
    if (!lost) return;
    lost = false;
    log.info({ redis: where }, "Redis connection restored");
  });
  const extra = [];
  return {
    client,
    prefix: options.prefix,
    channel: (name) => `${options.prefix}${name}`,
    subscriber() {
      const sub = client.duplicate({ keyPrefix: void 0, enableOfflineQueue: true, lazyConnect: false, commandTimeout: void 0 });
      sub.on("error", () => {
      });
      extra.push(sub);
      return sub;
    },
    isReady: () => client.status === "ready",
    async close() {
      closing = true;
      for (const sub of extra) sub.disconnect();
      if (client.status === "ready") await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    }
  };
}
function describeUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "6379"}${parsed.pathname && parsed.pathname !== "/" ? parsed.pathname : ""}`;
  } catch {
    return "(unparseable URL)";
  }
}
function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
export {
  describeUrl,
  openRedis
};
//# sourceMappingURL=open-redis.js.map
