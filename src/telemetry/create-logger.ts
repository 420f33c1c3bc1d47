import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { scrubSecretText } from '../core/secret-registry.js';

/**
 * The gateway's pino logger. Authorization and key headers are redacted wherever they
 * appear; request logs carry method, path, status and timing, never bodies. Every line passes the
 * secret scrubber last (registered secrets and credential shapes), whatever field carries it.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization', '*.apiKey', '*.api_key'],
      censor: '[REDACTED]',
    },
    hooks: { streamWrite: scrubSecretText },
  };
  return destination ? pino(options, destination) : pino(options);
}
