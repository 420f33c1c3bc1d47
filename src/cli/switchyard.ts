import { parseArgs } from 'node:util';
import { CliUsageError, type CliCommand, type CliIo } from './cli-command.js';
import { CLI_COMMANDS } from './cli-commands.js';

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

/**
 * `switchyard <command> [options]`: finds the longest command name matching the leading
 * words (so `credits add` and `credits` can both exist), parses its options strictly and
 * runs it. Resolves to the exit code: 0 ok, 1 failure, 2 usage error.
 */
export async function runCli(argv: string[], io: CliIo = defaultIo, commands: Record<string, CliCommand> = CLI_COMMANDS): Promise<number> {
  const names = Object.keys(commands).sort((a, b) => b.split(' ').length - a.split(' ').length);
  const name = names.find((candidate) => {
    const words = candidate.split(' ');
    return words.every((word, index) => argv[index] === word);
  });
  if (!name || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.out(helpText(commands));
    return name || argv.length === 0 || ['help', '--help', '-h'].includes(argv[0] ?? '') ? 0 : 2;
  }
  const command = commands[name] as CliCommand;
  const rest = argv.slice(name.split(' ').length);
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(`switchyard ${name} ${command.usage ?? ''}\n  ${command.summary}\n`);
      return 0;
    }
    const { values, positionals } = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
    return await command.run({ values: { ...values } as Record<string, string | boolean | undefined>, positionals, io });
  } catch (error) {
    if (error instanceof CliUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\nusage: switchyard ${name} ${command.usage ?? ''}\n`);
      return 2;
    }
    io.err(`switchyard ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

function helpText(commands: Record<string, CliCommand>): string {
  const lines = ['usage: switchyard <command> [options]', '', 'commands:'];
  const width = Math.max(8, ...Object.keys(commands).map((name) => name.length));
  for (const [name, command] of Object.entries(commands).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${name.padEnd(width)}  ${command.summary}`);
  }
  lines.push(`  ${'help'.padEnd(width)}  this list; \`switchyard <command> --help\` for a command's options`);
  return `${lines.join('\n')}\n`;
}
