import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { startAnthropicSimulator } from '../../sim/anthropic/start-anthropic-simulator.js';
import type { AnthropicSimulator } from '../../sim/anthropic/anthropic-sim-types.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../sim/gemini/start-gemini-simulator.js';
import { CLAUDE_SIM_PRICES } from '../support/start-anthropic-stack.js';
import { GEMINI_FLASH_PRICES } from '../support/start-gemini-stack.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

/** Claude Code 2.1.x's default model, as it names it, and the catalog id the gateway maps it to. */
const CLAUDE_CODE_MODEL = 'claude-opus-5-5';
const CLAUDE_BIN = join(process.cwd(), 'node_modules', '.bin', 'claude');
const RECORDED = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/claude-code/claude-code-2.1.328-request.json'), 'utf8')) as {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown> & { messages: Array<{ role: string }> };
};

const BETAS = ['claude-code-20250219', 'mid-conversation-system-2026-04-07', 'context-management-2025-06-27', 'effort-2025-11-24'];
const USER_ID = JSON.stringify({ device_id: 'a'.repeat(64), account_uuid: '', session_id: '5f0c1d9e-0000-4000-8000-000000000001' });

/** A request shaped like current Claude Code's: every field it sends that older gateways refused. */
function claudeCodeRequest(model: string) {
  return {
    model,
    max_tokens: 4096,
    system: [{ type: 'text' as const, text: 'You are Claude Code.', cache_control: { type: 'ephemeral' as const, ttl: '1h' as const, scope: 'global' } }],
    messages: [
      { role: 'user' as const, content: [{ type: 'text' as const, text: 'Hello from the terminal', cache_control: { type: 'ephemeral' as const, ttl: '1h' as const } }] },
      { role: 'system' as const, content: '<system-reminder>Skills: none.</system-reminder>' },
      { role: 'assistant' as const, content: 'Hi! What shall we build?' },
      { role: 'user' as const, content: 'Say something short' },
      { role: 'system' as const, content: [{ type: 'text' as const, text: 'Answer in one line.' }] },
    ],
    thinking: { type: 'adaptive' as const },
    output_config: { effort: 'high' as const },
    context_management: { edits: [{ type: 'clear_thinking_20251015' as const, keep: 'all' as const }] },
    metadata: { user_id: USER_ID },
  };
}

describe('Claude Code as it speaks today (mid-conversation system, betas, adaptive thinking, context management)', () => {
  let stack: TestStack;
  let anthropic: AnthropicSimulator;
  let gemini: GeminiSimulator;
  let root: string;
  let client: Anthropic;

  before(async () => {
    anthropic = await startAnthropicSimulator();
    gemini = await startGeminiSimulator();
    stack = await startTestStack({
      extraProviders: () => [
        { id: 'anthropic', base_url: anthropic.url, api_key: 'sk-ant-sim' },
        { id: 'google', base_url: gemini.geminiBaseUrl, api_key: 'gm-sim-key' },
      ],
      extraModels: [
        { id: 'anthropic/claude-opus-5.5', name: 'Claude Opus 5.5 (sim)', context_length: 200000, endpoints: [{ provider: 'anthropic', model: 'claude-opus-5-5', pricing: CLAUDE_SIM_PRICES, max_output: 128000 }] },
        { id: 'sim/gemini', name: 'Gemini (sim)', context_length: 1000000, endpoints: [{ provider: 'google', model: 'gemini-2.5-flash', pricing: GEMINI_FLASH_PRICES }] },
      ],
    });
    root = stack.baseURL.replace(/\/api\/v1$/, '');
    // The gateway's root, as ANTHROPIC_BASE_URL: the SDK posts to /v1/messages?beta=true.
    client = new Anthropic({ apiKey: stack.apiKey, baseURL: root, maxRetries: 0 });
  });
  after(async () => {
    await stack.close();
    await anthropic.close();
    await gemini.close();
  });
  beforeEach(() => {
    anthropic.reset();
    stack.sim.reset();
  });

  const anthropicRequest = () => anthropic.requests.at(-1) as { path: string; headers: Record<string, string | undefined>; body: Record<string, unknown> };

  it('passes the request unchanged to an Anthropic upstream, betas forwarded, through /v1/messages?beta=true', async () => {
    const message = await client.beta.messages.create({ ...claudeCodeRequest(CLAUDE_CODE_MODEL), betas: BETAS });
    assert.equal(message.model, 'anthropic/claude-opus-5.5');
    assert.equal(message.stop_reason, 'end_turn');
    assert.ok(message.content.some((block) => block.type === 'text' && block.text === 'Echo: Say something short'), JSON.stringify(message.content));
    const upstream = anthropicRequest();
    const { model: _model, ...sent } = claudeCodeRequest('claude-opus-5-5');
    const { model, ...received } = upstream.body;
    assert.equal(model, 'claude-opus-5-5');
    assert.deepEqual(received, {
      ...sent,
      messages: sent.messages.map((turn) => ({ ...turn, content: typeof turn.content === 'string' ? [{ type: 'text', text: turn.content }] : turn.content })),
    });
    const flags = upstream.headers['anthropic-beta']?.split(',') ?? [];
    for (const beta of [...BETAS, 'extended-cache-ttl-2025-04-11']) assert.ok(flags.includes(beta), `${beta} in ${flags.join(',')}`);
  });

  it('streams the same request through the SDK; the upstream gets stream: true and nothing else changed', async () => {
    const stream = client.beta.messages.stream({ ...claudeCodeRequest(CLAUDE_CODE_MODEL), betas: BETAS });
    const final = await stream.finalMessage();
    assert.equal(final.stop_reason, 'end_turn');
    assert.ok(final.content.some((block) => block.type === 'thinking'), 'adaptive thinking comes back as a thinking block');
    const body = anthropicRequest().body;
    assert.equal(body.stream, true);
    assert.deepEqual((body.messages as Array<{ role: string }>).map((turn) => turn.role), ['user', 'system', 'assistant', 'user', 'system']);
    assert.deepEqual(body.thinking, { type: 'adaptive' });
  });

  it('translates for an OpenAI-compatible upstream: system messages at their position, effort as reasoning_effort, no Anthropic-only fields', async () => {
    const message = await client.beta.messages.create({ ...claudeCodeRequest('sim/echo'), betas: BETAS });
    assert.equal(message.stop_reason, 'end_turn');
    const body = stack.sim.requests.at(-1)?.body as Record<string, unknown> & { messages: Array<{ role: string; content: unknown }> };
    assert.deepEqual(body.messages.map((turn) => turn.role), ['system', 'user', 'system', 'assistant', 'user', 'system']);
    assert.equal(body.messages[2]?.content, '<system-reminder>Skills: none.</system-reminder>');
    assert.equal(body.reasoning_effort, 'high');
    assert.equal(body.user, USER_ID);
    for (const field of ['thinking', 'output_config', 'context_management', 'metadata', 'anthropic']) assert.equal(body[field], undefined, field);
  });

  it('translates for Gemini: mid-conversation system text joins the system instruction, never a 400', async () => {
    const message = await client.beta.messages.create({ ...claudeCodeRequest('sim/gemini'), betas: BETAS });
    assert.equal(message.stop_reason, 'end_turn');
    const body = gemini.requests.at(-1)?.body as { systemInstruction?: { parts: Array<{ text: string }> }; contents: Array<{ role: string }> };
    const system = body.systemInstruction?.parts.map((part) => part.text).join('\n') ?? '';
    assert.match(system, /You are Claude Code\.[\s\S]*Skills: none\.[\s\S]*Answer in one line\./);
    assert.ok(body.contents.every((turn) => turn.role === 'user' || turn.role === 'model'));
  });

  it("replays Claude Code 2.1.328's recorded request (path, headers, body) and forwards it unchanged", async () => {
    const response = await fetch(`${root}${RECORDED.path}`, {
      method: 'POST',
      headers: { ...RECORDED.headers, 'content-type': 'application/json', 'x-api-key': stack.apiKey },
      body: JSON.stringify(RECORDED.body),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const text = await response.text();
    assert.match(text, /event: message_stop/);
    const upstream = anthropicRequest();
    assert.deepEqual(upstream.body, RECORDED.body);
    assert.equal(upstream.headers['anthropic-beta'], RECORDED.headers['anthropic-beta']);
  });

  it('refuses what is not valid with a 400 naming the field (a system turn with an image)', async () => {
    await assert.rejects(
      client.messages.create({
        model: CLAUDE_CODE_MODEL,
        max_tokens: 100,
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'system', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] as unknown as string },
        ],
      }),
      (error: unknown) => error instanceof Anthropic.BadRequestError && /messages\[1\]\.content\[0\]/.test(error.message),
    );
  });

  it('runs real Claude Code (`claude -p`, default model) against the gateway: a prompt and a tool call', { timeout: 120_000 }, async (t) => {
    if (!existsSync(CLAUDE_BIN)) {
      t.skip(`Claude Code is not installed (no ${CLAUDE_BIN}; devDependency @anthropic-ai/claude-code); its recorded request is replayed above instead`);
      return;
    }
    const home = mkdtempSync(join(tmpdir(), 'switchyard-claude-home-'));
    try {
      const run = await runClaude(['-p', 'Look at the notes file and summarise it', '--tools', 'Read', '--output-format', 'json'], {
        cwd: home,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home,
          ANTHROPIC_BASE_URL: root,
          ANTHROPIC_API_KEY: stack.apiKey,
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          DISABLE_AUTOUPDATER: '1',
          DISABLE_TELEMETRY: '1',
        },
        timeoutMs: 100_000,
      });
      assert.equal(run.code, 0, `claude exited ${run.code}: ${run.stderr.slice(0, 2000)} ${run.stdout.slice(0, 2000)}`);
      const output = JSON.parse(run.stdout) as { is_error?: boolean; result?: string };
      assert.equal(output.is_error, false, run.stdout);
      assert.match(output.result ?? '', /^Echo: /);
      const calls = anthropic.requests.filter((request) => request.path === '/v1/messages');
      assert.ok(calls.length >= 2, `a tool call and its answer (${calls.length} upstream calls)`);
      const first = calls[0]?.body as { model: string; tools: Array<{ name: string }>; thinking?: unknown };
      assert.equal(first.model, 'claude-opus-5-5');
      assert.ok(first.tools.some((tool) => tool.name === 'Read'));
      const last = calls.at(-1)?.body as { messages: Array<{ role: string; content: Array<{ type: string }> }> };
      assert.ok(
        last.messages.some((turn) => turn.role === 'user' && turn.content.some((block) => block.type === 'tool_result')),
        'the Read result went back upstream',
      );
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

/** Runs the Claude Code binary with a hard time limit; the process is killed (by its pid) when it overruns. */
function runClaude(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLAUDE_BIN, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
