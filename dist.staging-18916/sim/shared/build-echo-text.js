const ECHO_LIMIT = 200;
function buildEchoText(prompt, words) {
  const echo = `Echo: ${prompt.slice(0, ECHO_LIMIT)}`.trim();
  if (words === void 0) return echo;
  const source = echo.split(/\s+/);
  const out = new Array(words);
  for (let i = 0; i < words; i++) out[i] = source[i % source.length];
  return out.join(" ");
}
export {
  buildEchoText
};
//# sourceMappingURL=build-echo-text.js.map
