import { runSimulatorCli } from "../shared/run-simulator-cli.js";
import { startBedrockSimulator } from "./start-bedrock-simulator.js";
await runSimulatorCli({ name: "Bedrock", defaultPort: 9103, start: startBedrockSimulator });
//# sourceMappingURL=main.js.map
