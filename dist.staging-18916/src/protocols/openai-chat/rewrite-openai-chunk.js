function rewriteOpenAIChunk(data, stamp) {
  if (!data.startsWith('{"id":"') || data.charCodeAt(data.length - 1) !== 125) return void 0;
  const idEnd = data.indexOf('"', 7);
  if (idEnd < 0 || data.lastIndexOf("\\", idEnd) > 6) return void 0;
  const rest = data.slice(idEnd + 1);
  const modelAt = rest.indexOf('"model":"');
  if (modelAt < 0) return void 0;
  const modelEnd = rest.indexOf('"', modelAt + 9);
  if (modelEnd < 0 || rest.slice(modelAt + 9, modelEnd).includes("\\")) return void 0;
  const provider = rest.includes('"provider":') ? "" : stamp.providerField;
  const chunk = `${stamp.idPrefix}${provider}${rest.slice(0, modelAt)}${stamp.modelField}${rest.slice(modelEnd)}`;
  return chunk.replace(NULL_USAGE, "").replace(NULL_FINGERPRINT, "");
}
const NULL_USAGE = ',"usage":null';
const NULL_FINGERPRINT = ',"system_fingerprint":null';
function createChunkStamp(options) {
  const model = JSON.stringify(options.model);
  return {
    ...options,
    idPrefix: `{"id":${JSON.stringify(options.generationId)}`,
    providerField: `,"provider":${JSON.stringify(options.providerName)}`,
    modelField: `"model":${model.slice(0, -1)}`
  };
}
export {
  createChunkStamp,
  rewriteOpenAIChunk
};
//# sourceMappingURL=rewrite-openai-chunk.js.map
