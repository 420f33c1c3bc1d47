import { InvalidRequestError } from "../core/errors/gateway-error.js";
const MAX_BODY_DEPTH = 64;
function registerJsonBodyParser(app) {
  const parseJson = app.getDefaultJsonParser("error", "ignore");
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (request, body, done) => {
    const text = body;
    if (text === "" && !/json/i.test(request.headers["content-type"] ?? "")) {
      done(null, void 0);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) done(error, void 0);
      else if (nestingDepthExceeds(value, MAX_BODY_DEPTH)) {
        done(new InvalidRequestError(`Request body nests arrays and objects deeper than ${MAX_BODY_DEPTH} levels.`), void 0);
      } else done(null, value);
    });
  });
}
function nestingDepthExceeds(value, max) {
  if (value === null || typeof value !== "object") return false;
  const nodes = [value];
  const depths = [1];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop();
    if (depth > max) return true;
    for (const key in node) {
      const child = node[key];
      if (child !== null && typeof child === "object") {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
export {
  MAX_BODY_DEPTH,
  registerJsonBodyParser
};
//# sourceMappingURL=register-json-body-parser.js.map
