import { runSimulatorCli } from "../shared/run-simulator-cli.js";
import { startAnthropicSimulator } from "./start-anthropic-simulator.js";
await runSimulatorCli({ name: "Anthropic", defaultPort: 9102, start: startAnthropicSimulator });
//# sourceMappingURL=main.js.map
