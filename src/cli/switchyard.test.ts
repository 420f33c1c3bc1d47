import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from './switchyard.js';
import { CliUsageError, type CliCommand, type CliIo } from './cli-command.js';

function capture(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { out: (text) => (out += text), err: (text) => (err += text), env: {}, stdout: () => out, stderr: () => err };
}

const seen: unknown[] = [];
const commands: Record<string, CliCommand> = {
  credits: { summary: 'show credits', run: async () => 0 },
  'credits add': {
    summary: 'add credits',
    usage: '--amount USD',
    options: { amount: { type: 'string' } },
    run: async ({ values, positionals }) => {
      if (!values.amount) throw new CliUsageError('--amount is required');
      seen.push({ values, positionals });
      return 0;
    },
  },
  fail: { summary: 'fails', run: async () => Promise.reject(new Error('database is locked')) },
};

describe('switchyard CLI dispatcher', () => {
  it('runs the longest matching command with parsed options', async () => {
    const io = capture();
    assert.equal(await runCli(['credits', 'add', '--amount', '5', 'x'], io, commands), 0);
    assert.deepEqual(seen.at(-1), { values: { amount: '5' }, positionals: ['x'] });
  });
  it('usage errors and unknown options exit 2 with the usage line', async () => {
    const io = capture();
    assert.equal(await runCli(['credits', 'add'], io, commands), 2);
    assert.match(io.stderr(), /--amount is required\nusage: switchyard credits add --amount USD/);
    assert.equal(await runCli(['credits', 'add', '--bogus'], capture(), commands), 2);
  });
  it('failures exit 1 with the message; unknown commands print help and exit 2', async () => {
    const io = capture();
    assert.equal(await runCli(['fail'], io, commands), 1);
    assert.match(io.stderr(), /switchyard fail: database is locked/);
    const help = capture();
    assert.equal(await runCli(['nope'], help, commands), 2);
    assert.match(help.stdout(), /credits add\s+add credits/);
  });
  it('the bin shim runs the real command table', () => {
    const bin = fileURLToPath(new URL('../../bin/switchyard.js', import.meta.url));
    const text = execFileSync(process.execPath, [bin, 'help'], { encoding: 'utf8', timeout: 30_000 });
    assert.match(text, /usage: switchyard <command>/);
  });
});
