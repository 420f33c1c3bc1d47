import { readFileSync } from "node:fs";
const DIR = new URL("./__fixtures__/", import.meta.url);
function readAnthropicFixture(name) {
  return readFileSync(new URL(name, DIR), "utf8");
}
function readAnthropicChunks(name) {
  return readAnthropicFixture(name).split("\n").filter((line) => line.trim() !== "").map((data) => ({ event: JSON.parse(data).type, data }));
}
export {
  readAnthropicChunks,
  readAnthropicFixture
};
//# sourceMappingURL=read-anthropic-fixture.js.map
