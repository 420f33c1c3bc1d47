import { RE2JS } from "re2js";
import { GatewayError } from "../../core/errors/gateway-error.js";
const MAX_PATTERN_CHARS = 2e3;
const MAX_PATTERN_PROGRAM = 5e3;
function compileCustomPattern(source, where = "content_filters") {
  const reject = (reason) => {
    throw new GatewayError("invalid_regex_pattern", { message: `${where}: invalid pattern: ${reason}`, metadata: { pattern_length: source.length } });
  };
  if (source.length === 0) reject("the pattern is empty");
  if (source.length > MAX_PATTERN_CHARS) reject(`the pattern is ${source.length} characters long; the limit is ${MAX_PATTERN_CHARS}`);
  let compiled;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const hint = /\(\?[=!<]|\\[1-9]/.test(source) ? " (lookaround and backreferences are not supported: patterns run on a linear-time engine)" : "";
    return reject(`${detail}${hint}`);
  }
  if (compiled.programSize() > MAX_PATTERN_PROGRAM) reject(`the compiled pattern is too large (${compiled.programSize()} instructions; the limit is ${MAX_PATTERN_PROGRAM})`);
  if (compiled.matches("")) reject("the pattern matches the empty string");
  return {
    source,
    find(text) {
      const out = [];
      const matcher = compiled.matcher(text);
      while (matcher.find()) {
        const start = matcher.start();
        const end = matcher.end();
        if (end > start) out.push([start, end]);
      }
      return out;
    }
  };
}
export {
  MAX_PATTERN_CHARS,
  MAX_PATTERN_PROGRAM,
  compileCustomPattern
};
//# sourceMappingURL=compile-custom-pattern.js.map
