import { createHash } from "node:crypto";
function signSimThinking(thinking) {
  return `Es${createHash("sha256").update(`sim-thinking:${thinking}`).digest("base64")}`;
}
export {
  signSimThinking
};
//# sourceMappingURL=sign-sim-thinking.js.map
