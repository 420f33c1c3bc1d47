import { runSimulatorCli } from "../shared/run-simulator-cli.js";
import { startOpenAISimulator } from "./start-openai-simulator.js";
await runSimulatorCli({ name: "OpenAI", defaultPort: 9101, start: startOpenAISimulator });
//# sourceMappingURL=main.js.map
