import { InvalidRequestError } from '../core/errors/gateway-error.js';

/** A time query parameter (`since`, `until`): absent → undefined, else an ISO-8601 date or timestamp as ms, or a 400 naming it. */
export function readQueryTime(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new InvalidRequestError(`${name} must be an ISO-8601 date or timestamp, e.g. 2026-12-01T00:00:00Z`, { metadata: { parameter: name } });
  return time;
}
