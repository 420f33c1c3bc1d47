import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';
import { GatewayError } from '../../core/errors/gateway-error.js';

/** Longest custom pattern source accepted. OpenRouter allows 100,000; a gateway on the hot path wants less. */
export const MAX_PATTERN_CHARS = 2000;
/** Largest compiled program (RE2 instructions); bounds the per-character cost of a scan. */
export const MAX_PATTERN_PROGRAM = 5000;

/**
 * re2js, loaded the first time a custom pattern is compiled: most gateways have none, and the
 * engine is a large module to hold in every process for nothing. Its CommonJS build, so the load
 * is synchronous where the pattern is compiled.
 */
let engine: typeof RE2JS | undefined;
function re2(): typeof RE2JS {
  engine ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS;
  return engine;
}

/** A custom DLP pattern compiled for the linear-time engine. */
export interface CompiledCustomPattern {
  source: string;
  /** Half-open spans of every non-empty match, in order. */
  find(text: string): Array<[number, number]>;
}

/**
 * Validates and compiles a custom pattern at configuration time. It runs on RE2 (re2js):
 * matching is linear in the text whatever the pattern, so `(a+)+$` is harmless; features
 * RE2 cannot do in linear time (lookaround, backreferences) are rejected with a 400
 * `invalid_regex_pattern` that says why, as are oversized patterns and ones that match
 * the empty string (they would redact nothing and flag everything).
 */
export function compileCustomPattern(source: string, where = 'content_filters'): CompiledCustomPattern {
  const reject = (reason: string): never => {
    throw new GatewayError('invalid_regex_pattern', { message: `${where}: invalid pattern: ${reason}`, metadata: { pattern_length: source.length } });
  };
  if (source.length === 0) reject('the pattern is empty');
  if (source.length > MAX_PATTERN_CHARS) reject(`the pattern is ${source.length} characters long; the limit is ${MAX_PATTERN_CHARS}`);
  let compiled: RE2JS;
  try {
    compiled = re2().compile(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const hint = /\(\?[=!<]|\\[1-9]/.test(source) ? ' (lookaround and backreferences are not supported: patterns run on a linear-time engine)' : '';
    return reject(`${detail}${hint}`);
  }
  if (compiled.programSize() > MAX_PATTERN_PROGRAM) reject(`the compiled pattern is too large (${compiled.programSize()} instructions; the limit is ${MAX_PATTERN_PROGRAM})`);
  if (compiled.matches('')) reject('the pattern matches the empty string');
  return {
    source,
    find(text) {
      const out: Array<[number, number]> = [];
      const matcher = compiled.matcher(text);
      while (matcher.find()) {
        const start = matcher.start();
        const end = matcher.end();
        if (end > start) out.push([start, end]);
      }
      return out;
    },
  };
}
