import type { CliCommand } from './cli-command.js';
import { creditsAddCommand } from './commands/credits-add-command.js';
import { usageCommand } from './commands/usage-command.js';
import { masterKeyRotateCommand } from './commands/master-key-rotate.js';
import { migrateToPostgresCommand } from './commands/migrate-to-postgres.js';

/**
 * The subcommand table of `switchyard`, keyed by the words typed (`credits add`). Each
 * command lives in its own file under commands/; adding one is one line here.
 */
export const CLI_COMMANDS: Record<string, CliCommand> = {
  'credits add': creditsAddCommand,
  usage: usageCommand,
  'master-key rotate': masterKeyRotateCommand,
  'migrate-to-postgres': migrateToPostgresCommand,
};
