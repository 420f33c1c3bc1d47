import Anthropic from "@anthropic-ai/sdk";
import { startAnthropicSimulator } from "./start-anthropic-simulator.js";
async function withAnthropicSimulator(body, options = {}) {
  const sim = await startAnthropicSimulator(options);
  try {
    await body(sim, new Anthropic({ baseURL: sim.url, apiKey: "sk-ant-test", maxRetries: 0 }));
  } finally {
    await sim.close();
  }
}
export {
  withAnthropicSimulator
};
//# sourceMappingURL=with-anthropic-simulator.js.map
