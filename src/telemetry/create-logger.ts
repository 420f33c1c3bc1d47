import { pino, type Logger } from 'pino';

/**
 * The gateway's pino logger. Authorization and key headers are redacted wherever they
 * appear; request logs carry method, path, status and timing, never bodies.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization', '*.apiKey', '*.api_key'],
      censor: '[REDACTED]',
    },
  });
}
