import type { ParseArgsConfig } from 'node:util';

/** What a subcommand can print to; tests pass buffers instead of the process streams. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** One `switchyard` subcommand: its options (node:util parseArgs) and what it does. */
export interface CliCommand {
  /** One line for `switchyard help`. */
  summary: string;
  /** Usage line after the command name, e.g. `--workspace ID --amount USD`. */
  usage?: string;
  options?: ParseArgsConfig['options'];
  /** Runs the command; resolves to the process exit code. */
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[]; io: CliIo }): Promise<number>;
}

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class CliUsageError extends Error {}
