import OpenAI from "openai";
import { startOpenAISimulator } from "./start-openai-simulator.js";
async function withOpenAISimulator(fn, options = {}) {
  const sim = await startOpenAISimulator(options);
  const client = new OpenAI({ apiKey: "sk-test", baseURL: sim.url, maxRetries: 0, timeout: 4e3 });
  try {
    await fn(sim, client);
  } finally {
    await sim.close();
  }
}
export {
  withOpenAISimulator
};
//# sourceMappingURL=with-openai-simulator.js.map
