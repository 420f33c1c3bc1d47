function readAnthropicPrompt(messages) {
  if (!Array.isArray(messages)) return { text: "", afterToolResult: false };
  const turns = messages.filter((message) => message?.role !== "system");
  const last = turns[turns.length - 1];
  const afterToolResult = last?.role === "user" && Array.isArray(last.content) && last.content.some((block) => block?.type === "tool_result");
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role !== "user") continue;
    if (typeof message.content === "string") return { text: message.content, afterToolResult };
    const texts = Array.isArray(message.content) ? message.content.filter((block) => block?.type === "text" && typeof block.text === "string").map((block) => block.text) : [];
    if (texts.length > 0) return { text: texts.join("\n"), afterToolResult };
  }
  return { text: "", afterToolResult };
}
export {
  readAnthropicPrompt
};
//# sourceMappingURL=read-anthropic-prompt.js.map
