const WORD_PIECE = /\s*\S+|\s+$/g;
function splitIntoWordPieces(text) {
  return text.match(WORD_PIECE) ?? [];
}
export {
  splitIntoWordPieces
};
//# sourceMappingURL=split-into-word-pieces.js.map
