const SAFE_PHRASES = [
  "android developer mode",
  "developer mode on android",
  "developer mode on my phone",
  "developer mode in chrome",
  "developer mode on windows",
  "enable developer mode on",
  "developer mode is enabled on",
  "ignore previous instructions attack",
  "repeat the text above in french",
  "repeat the text above in spanish",
  "repeat the text above in german",
  "summarize the text above",
  "translate the text above",
  "show me your rules for formatting",
  "evil twin access point",
  "evil twin attack",
  "evil twin wifi",
  "reveal the hidden instructions in the puzzle"
];
function findSafePhraseSpans(text) {
  const spans = [];
  for (const phrase of SAFE_PHRASES) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) spans.push([at, at + phrase.length]);
  }
  return spans;
}
export {
  SAFE_PHRASES,
  findSafePhraseSpans
};
//# sourceMappingURL=safe-phrases.js.map
