/**
 * Retries work that PostgreSQL aborted only because it raced another transaction: a deadlock
 * (40P01) or a serialization failure (40001). The whole transaction is re-run, so the work must
 * be a complete transaction. Anything else, including a lost connection, is thrown at once.
 */
const RETRYABLE = new Set(['40001', '40P01']);

export const isRetryableConflict = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && RETRYABLE.has((error as { code?: unknown }).code as string);

export async function withRetry<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      // Jittered backoff so the two contenders do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
