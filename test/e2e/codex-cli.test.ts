import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const require = createRequire(import.meta.url);

/** The Codex CLI launcher from @openai/codex, when its native binary for this platform is installed. */
function findCodex(): { launcher: string } | { skip: string } {
  let launcher: string;
  try {
    launcher = join(dirname(require.resolve('@openai/codex/package.json')), 'bin', 'codex.js');
  } catch {
    return { skip: 'Codex CLI not run: @openai/codex is not installed (npm ci installs it as a devDependency)' };
  }
  const platformPackage = `@openai/codex-${process.platform}-${process.arch}`;
  try {
    require.resolve(`${platformPackage}/package.json`);
  } catch {
    return { skip: `Codex CLI not run: its native binary for ${process.platform}-${process.arch} (${platformPackage}) is not installed` };
  }
  return existsSync(launcher) ? { launcher } : { skip: `Codex CLI not run: ${launcher} is missing` };
}

interface CodexRun {
  code: number | null;
  events: Array<{ type: string; item?: Record<string, unknown>; usage?: Record<string, number> }>;
  stderr: string;
}

/**
 * Codex CLI (`codex exec --json`) against the gateway with a custom model provider (`wire_api = "responses"`,
 * `base_url` = the gateway), HOME and CODEX_HOME in a temp dir, its network features off (plugins, apps,
 * update checks), killed after 120 s. The simulator calls Codex's first tool (exec_command) with the
 * arguments its schema implies, so Codex runs a real (harmless, failing) command and sends the output back.
 */
describe('Codex CLI through POST /api/v1/responses', () => {
  const codex = findCodex();
  let stack: TestStack;
  let home: string;
  before(async () => {
    if ('skip' in codex) return;
    stack = await startTestStack();
    home = mkdtempSync(join(tmpdir(), 'switchyard-codex-'));
    mkdirSync(join(home, '.codex'), { mode: 0o700 });
    mkdirSync(join(home, 'work'));
    writeFileSync(
      join(home, '.codex', 'config.toml'),
      [
        'model = "sim/echo"',
        'model_provider = "switchyard"',
        'approval_policy = "never"',
        'sandbox_mode = "danger-full-access"',
        'check_for_update_on_startup = false',
        '[analytics]',
        'enabled = false',
        '[model_providers.switchyard]',
        'name = "Switchyard"',
        `base_url = "${stack.baseURL}"`,
        'env_key = "SWITCHYARD_API_KEY"',
        'wire_api = "responses"',
        'request_max_retries = 0',
        'stream_max_retries = 0',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
  });
  after(async () => {
    if ('skip' in codex) return;
    await stack.close();
    rmSync(home, { recursive: true, force: true });
  });

  function runCodex(prompt: string): Promise<CodexRun> {
    const launcher = (codex as { launcher: string }).launcher;
    const args = [launcher, 'exec', '--skip-git-repo-check', '--json', ...['plugins', 'remote_plugin', 'apps', 'in_app_updates'].flatMap((feature) => ['--disable', feature]), prompt];
    const child = spawn(process.execPath, args, {
      cwd: join(home, 'work'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: home, CODEX_HOME: join(home, '.codex'), SWITCHYARD_API_KEY: stack.apiKey, RUST_LOG: 'warn,reqwest::connect=debug' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    return new Promise((resolve) => {
      child.on('close', (code) => {
        clearTimeout(timer);
        const events = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as CodexRun['events'][number]);
        resolve({ code, events, stderr });
      });
    });
  }

  it('completes a prompt with a tool call: runs the command after output_item.done, sends its output back, ends on response.completed', { skip: 'skip' in codex ? codex.skip : undefined, timeout: 150_000 }, async () => {
    const before = stack.sim.requests.length;
    const run = await runCodex('Say hello to the gateway');
    assert.equal(run.code, 0, `codex exec exit code (stderr: ${run.stderr.slice(-2000)})`);
    const command = run.events.find((event) => event.type === 'item.completed' && event.item?.type === 'command_execution');
    assert.ok(command, `Codex ran the tool call: ${JSON.stringify(run.events)}`);
    assert.equal(command.item?.exit_code, 127, 'the command the simulated model asked for ran (and was not found)');
    const message = run.events.find((event) => event.type === 'item.completed' && event.item?.type === 'agent_message');
    assert.equal(message?.item?.text, 'Echo: Say hello to the gateway');
    const completed = run.events.find((event) => event.type === 'turn.completed');
    assert.ok(completed && (completed.usage?.input_tokens ?? 0) > 0 && (completed.usage?.output_tokens ?? 0) > 0, 'usage from response.completed');

    const upstream = stack.sim.requests.slice(before).map((request) => request.body as { messages: Array<{ role: string; content: unknown; tool_call_id?: string; tool_calls?: Array<{ id: string }> }>; tools?: Array<{ function: { name: string } }> });
    assert.equal(upstream.length, 2, 'the tool call, then the answer');
    assert.equal(upstream[0]?.messages[0]?.role, 'developer', "Codex's developer items stay developer messages");
    assert.ok(upstream[0]?.tools?.some((tool) => tool.function.name === 'exec_command'));
    const second = upstream[1]?.messages ?? [];
    const toolMessage = second.at(-1);
    assert.equal(toolMessage?.role, 'tool');
    assert.equal(toolMessage?.tool_call_id, second.at(-2)?.tool_calls?.[0]?.id, 'function_call_output answers the function_call by call_id');
    assert.match(String(toolMessage?.content), /exited with code 127/);

    const outbound = [...run.stderr.matchAll(/starting new connection: (\S+)/g)].map((match) => match[1]);
    assert.ok(outbound.length > 0, 'connections are logged (RUST_LOG reqwest::connect=debug)');
    assert.deepEqual(outbound.filter((url) => !url?.startsWith('http://127.0.0.1:')), [], 'Codex talked only to the gateway');
  });
});
