import { parseArgs } from "node:util";
import { CliUsageError } from "./cli-command.js";
import { CLI_COMMANDS } from "./cli-commands.js";
const defaultIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env
};
async function runCli(argv, io = defaultIo, commands = CLI_COMMANDS) {
  const names = Object.keys(commands).sort((a, b) => b.split(" ").length - a.split(" ").length);
  const name = names.find((candidate) => {
    const words = candidate.split(" ");
    return words.every((word, index) => argv[index] === word);
  });
  if (!name || argv[0] === "help" || argv[0] === "--help" || argv[0] === "-h") {
    io.out(helpText(commands));
    return name || argv.length === 0 || ["help", "--help", "-h"].includes(argv[0] ?? "") ? 0 : 2;
  }
  const command = commands[name];
  const rest = argv.slice(name.split(" ").length);
  try {
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(`switchyard ${name} ${command.usage ?? ""}
  ${command.summary}
`);
      return 0;
    }
    const { values, positionals } = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
    return await command.run({ values: { ...values }, positionals, io });
  } catch (error) {
    if (error instanceof CliUsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`${error.message}
usage: switchyard ${name} ${command.usage ?? ""}
`);
      return 2;
    }
    io.err(`switchyard ${name}: ${error.message}
`);
    return 1;
  }
}
function helpText(commands) {
  const lines = ["usage: switchyard <command> [options]", "", "commands:"];
  const width = Math.max(8, ...Object.keys(commands).map((name) => name.length));
  for (const [name, command] of Object.entries(commands).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${name.padEnd(width)}  ${command.summary}`);
  }
  lines.push(`  ${"help".padEnd(width)}  this list; \`switchyard <command> --help\` for a command's options`);
  return `${lines.join("\n")}
`;
}
export {
  runCli
};
//# sourceMappingURL=switchyard.js.map
