function readMessageText(content) {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let out = "";
  for (const part of content) {
    const text = typeof part?.text === "string" ? part.text : typeof part?.refusal === "string" ? part.refusal : "";
    if (text) out = out ? `${out}
${text}` : text;
  }
  return out;
}
function findLastUserText(messages) {
  if (!Array.isArray(messages)) return "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === "user") return readMessageText(message.content);
  }
  return "";
}
export {
  findLastUserText,
  readMessageText
};
//# sourceMappingURL=read-message-text.js.map
