/**
 * The `pg` pool as Kysely sees it, with one change: an error that means "the server cannot be
 * reached" (refused or reset connection, connect timeout, the server shutting down or restarting,
 * a connection dropped mid-query) is rethrown as DatabaseUnavailableError, which the HTTP layer
 * answers with 503 `database_unavailable`. Every other error (a constraint, a bug) passes through
 * unchanged. pg-pool discards a connection that failed, so the next checkout connects afresh and
 * service resumes by itself once the server is back.
 */
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { DatabaseUnavailableError } from '../../core/errors/gateway-error.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOENT']);
/** SQLSTATEs: admin / crash shutdown, cannot connect now (starting or recovering), too many connections. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /not queryable/i, /Connection ended/i];

/** True when `error` says the database could not be reached, rather than that the query was wrong. */
export function isUnavailableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (error instanceof DatabaseUnavailableError) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message));
}

const translate = (error: unknown): unknown => (isUnavailableError(error) && !(error instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(undefined, error) : error);

/** Wraps a pg Pool for Kysely's PostgresDialect. */
export function unavailableAwarePool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translate(error);
      }
      // pg-pool listens for errors only on idle connections. A connection that dies while checked
      // out between two queries emits 'error' with no listener, which would crash the process:
      // keep a listener for the checkout and hand the broken connection back to be discarded.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      return {
        query: ((...args: unknown[]) => {
          const result = query(...args);
          // A cursor (not used here) is returned as is; promises get their errors translated.
          return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(translate(error))) : result;
        }) as PostgresPoolClient['query'],
        release: () => {
          client.removeListener('error', onError);
          client.release(broken);
        },
      };
    },
    end: () => pool.end(),
  };
}
