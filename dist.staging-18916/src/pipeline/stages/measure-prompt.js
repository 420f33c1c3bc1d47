import { measurePromptTokens } from "../../core/estimate-tokens.js";
function measurePrompt() {
  return { name: "measure-prompt", run: (ctx) => measurePromptTokens(ctx.request) };
}
export {
  measurePrompt
};
//# sourceMappingURL=measure-prompt.js.map
