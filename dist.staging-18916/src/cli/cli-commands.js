import { creditsAddCommand } from "./commands/credits-add-command.js";
import { usageCommand } from "./commands/usage-command.js";
import { masterKeyRotateCommand } from "./commands/master-key-rotate.js";
const CLI_COMMANDS = {
  "credits add": creditsAddCommand,
  usage: usageCommand,
  "master-key rotate": masterKeyRotateCommand
};
export {
  CLI_COMMANDS
};
//# sourceMappingURL=cli-commands.js.map
