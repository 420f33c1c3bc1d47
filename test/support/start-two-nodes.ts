import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { startGateway, type RunningGateway } from '../../src/start-gateway.js';
import { startRedis, type ThrowawayRedis } from './start-redis.js';
import { startPostgres } from './start-postgres.js';
import { startTestStack, type TestStack } from './start-test-stack.js';

/** Two gateway nodes sharing one throwaway PostgreSQL and one throwaway Redis (node A is a full test stack). */
export interface TwoNodes {
  a: TestStack;
  b: RunningGateway;
  /** Node B's API base URL, e.g. http://127.0.0.1:PORT/api/v1 */
  bURL: string;
  redis: ThrowawayRedis;
  /** Stops B, then A (with its simulator), then Redis. */
  close(): Promise<void>;
}

/**
 * Starts a throwaway Redis, node A (startTestStack with `redis` set and a random key prefix) and
 * node B: a second gateway in this process on the same configuration and a throwaway PostgreSQL
 * database (a SQLite file has one serving process), its own port. Keys created on A before B starts are loaded by B.
 */
export async function startTwoNodes(options: { config?: Record<string, unknown>; beforeB?: (a: TestStack) => Promise<void> } = {}): Promise<TwoNodes> {
  const redis = await startRedis();
  const postgres = (await startPostgres())!;
  const stopServices = async () => {
    await redis.stop();
    await postgres.stop();
  };
  let a: TestStack;
  try {
    const database = await postgres.createDatabase();
    a = await startTestStack({ config: { database, redis: redis.url, redis_prefix: `test-${randomBytes(4).toString('hex')}:`, ...options.config } });
  } catch (error) {
    await stopServices();
    throw error;
  }
  let b: RunningGateway;
  try {
    await options.beforeB?.(a);
    b = await startGateway({ config: { ...a.config, listen: { host: '127.0.0.1', port: 0 } }, env: {}, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), random: () => 0 });
  } catch (error) {
    await a.close();
    await stopServices();
    throw error;
  }
  return {
    a,
    b,
    bURL: `${b.url}/api/v1`,
    redis,
    async close() {
      await b.stop();
      await a.close();
      await stopServices();
    },
  };
}
