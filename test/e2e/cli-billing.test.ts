import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { runCli } from '../../src/cli/switchyard.js';
import type { CliIo } from '../../src/cli/cli-command.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

describe('switchyard credits add / usage against a running gateway', () => {
  let stack: TestStack;
  const io = (): CliIo & { text: () => string; errors: () => string } => {
    let out = '';
    let err = '';
    return {
      out: (text) => (out += text),
      err: (text) => (err += text),
      env: { SWITCHYARD_URL: stack.gateway.url, SWITCHYARD_ADMIN_KEY: stack.adminKey },
      text: () => out,
      errors: () => err,
    };
  };

  before(async () => {
    stack = await startTestStack({ config: { billing: { purchase_fee: 'openrouter' } } });
  });
  after(() => stack.close());

  it('credits add posts a grant (with the configured purchase fee) and the balance appears in /credits', async () => {
    const cli = io();
    assert.equal(await runCli(['credits', 'add', '--amount', '10', '--note', 'invoice 7'], cli), 0, cli.errors());
    assert.match(cli.text(), /Added \$10 to workspace default \(purchase fee \$0\.8, charge \$10\.8\)\. Credits \$10, used \$0, balance \$10\./);
    const response = await fetch(`${stack.baseURL}/credits`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
    assert.deepEqual(await response.json(), { data: { total_credits: 10, total_usage: 0 } });
    const bad = io();
    assert.equal(await runCli(['credits', 'add', '--amount', '0'], bad), 2);
    assert.match(bad.errors(), /--amount must be a positive USD amount/);
    const unknown = io();
    assert.equal(await runCli(['credits', 'add', '--amount', '1', '--workspace', 'nope'], unknown), 1);
    assert.match(unknown.errors(), /404 No workspace "nope"/);
  });

  it('usage prints the activity rollup, filtered by key', async () => {
    const headers = { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' };
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${stack.baseURL}/chat/completions`, { method: 'POST', headers, body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }] }) });
      assert.equal(response.status, 200);
    }
    const cli = io();
    const hash = createHash('sha256').update(stack.apiKey).digest('hex');
    assert.equal(await runCli(['usage', '--key', hash], cli), 0, cli.errors());
    const lines = cli.text().trim().split('\n');
    assert.match(lines[0] as string, /^date\s+model\s+provider\s+requests\s+prompt\s+completion\s+usage \$$/);
    assert.match(lines[1] as string, /^\d{4}-\d{2}-\d{2}\s+sim\/echo\s+Sim A\s+3\s+\d+\s+\d+\s+0\.\d+$/);
    assert.match(lines.at(-1) as string, /^total\s+3\s+0\.\d+$/);
    const json = io();
    assert.equal(await runCli(['usage', '--json', '--key', 'f'.repeat(64)], json), 0);
    assert.deepEqual(JSON.parse(json.text()), []);
  });
});

describe('switchyard credits add while the gateway serves requests', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  it("the next request's reservation sees credits granted by the CLI", async () => {
    const cli = (args: string[]) =>
      runCli(args, { out: () => {}, err: (text) => assert.fail(text), env: { SWITCHYARD_URL: stack.gateway.url, SWITCHYARD_ADMIN_KEY: stack.adminKey } });
    const ask = () =>
      fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sim/echo', max_tokens: 1000, messages: [{ role: 'user', content: 'hi' }] }),
      });
    // $0.000001 does not cover 1,000 completion tokens at $0.000002 each.
    assert.equal(await cli(['credits', 'add', '--amount', '0.000001']), 0);
    const refused = await ask();
    assert.equal(refused.status, 402);
    await refused.body?.cancel();
    assert.equal(await cli(['credits', 'add', '--amount', '1']), 0);
    const served = await ask();
    assert.equal(served.status, 200, await served.clone().text());
    const { usage } = (await served.json()) as { usage: { cost: number } };
    const credits = await fetch(`${stack.baseURL}/credits`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
    assert.deepEqual(await credits.json(), { data: { total_credits: 1.000001, total_usage: usage.cost } });
  });
});
