/**
 * `npm run bench:guardrails [-- --requests N]`
 *
 * Added latency of guardrails, measured side by side in one run: the OpenAI simulator and
 * a Switchyard gateway (in-memory stores) run in this process; two API keys differ only in
 * that one has a guardrail with every built-in filter (prompt injection + all DLP
 * detectors, action redact, output scanning on), with and without a custom pattern (a
 * custom pattern keeps the stream's fixed hold-back). Requests rotate between the three
 * keys, one at a time, so every arm sees the same machine state. Reported: median and p90
 * of each arm, and the difference and ratio of medians against the key without guardrails.
 *  - 10 KB prompt, non-streamed (input scan of 10 KB + output scan of the reply);
 *  - a streamed reply of 400 words sent back to back: the CPU cost of the guarded stream
 *    (it leaves the fast path and scans a held-back window);
 *  - a paced stream (120 words, 2 ms apart): what the stream hold-back costs in time to
 *    first content (built-ins only: the possible-match tail; with a custom pattern: 256 chars).
 */
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { pickPercentile } from './pick-percentile.js';
import { rotateArms, startBenchGateway } from './start-bench-gateway.js';

const ADMIN = 'sk-or-v1-bench0guardrails000000000000000000000000000000000000000';

interface Arm {
  name: string;
  key: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { requests: { type: 'string' } } });
  const perArm = Number(values.requests ?? 300);
  const bench = await startBenchGateway({
    adminKey: ADMIN,
    providers: (simUrl) => [{ id: 'sim-a', name: 'Sim A', base_url: simUrl, api_key: 'sk-sim' }],
    models: [{ id: 'sim/echo', name: 'Echo', context_length: 128000, endpoints: [{ provider: 'sim-a', model: 'echo-1', pricing: { prompt: '0.000001', completion: '0.000002' } }] }],
  });
  const { api, manage } = bench;
  try {
    const plain = (await manage('/keys', { name: 'off' })) as { key: string };
    const slugs = ['regex-prompt-injection', 'email', 'phone', 'ssn', 'credit-card', 'ip-address', 'iban', 'secret'];
    const guardedKey = async (name: string, custom: boolean) => {
      const key = (await manage('/keys', { name })) as { key: string; data: { hash: string } };
      const guardrail = (await manage('/guardrails', {
        name,
        content_filter_builtins: slugs.map((slug) => ({ slug, action: 'redact' })),
        content_filters: custom ? [{ pattern: 'project-[a-z]{4,12}-\\d{3}', action: 'redact', label: 'project' }] : [],
      })) as { data: { id: string } };
      await manage(`/guardrails/${guardrail.data.id}/assignments/keys`, { key_hashes: [key.data.hash] });
      return key.key;
    };
    const arms: Arm[] = [
      { name: 'off', key: plain.key },
      { name: 'built-ins', key: await guardedKey('built-ins', false) },
      { name: 'built-ins + custom', key: await guardedKey('built-ins + custom', true) },
    ];

    const paragraph = 'The quarterly report covers revenue, churn and hiring across our three regions, with notes from each team lead. ';
    const prompt10k = paragraph.repeat(Math.ceil(10_240 / paragraph.length)).slice(0, 10_240);
    const nonStream = JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: prompt10k }] });
    const stream = JSON.stringify({ model: 'sim/echo', stream: true, messages: [{ role: 'user', content: 'Tell me a long story. [[sim:words=400]]' }] });
    const pacedStream = JSON.stringify({ model: 'sim/echo', stream: true, messages: [{ role: 'user', content: 'Tell me a story. [[sim:words=120 chunk_delay=2]]' }] });

    const results = {
      prompt10k: await alternate(arms, perArm, (arm) => timeJson(api, arm.key, nonStream)),
      stream: await alternate(arms, perArm, (arm) => timeStream(api, arm.key, stream)),
      paced: await alternate(arms, Math.max(20, Math.floor(perArm / 4)), (arm) => timeStream(api, arm.key, pacedStream)),
    };
    const machine = `load ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`;
    console.log(`guardrail bench: ${perArm} requests per arm per scenario, alternating, sequential; ${machine}`);
    const names = arms.map((arm) => arm.name);
    report('10 KB prompt, non-streamed: total ms', names, results.prompt10k.map((r) => r.map((s) => s.total)));
    report('stream of 400 words: time to first content ms', names, results.stream.map((r) => r.map((s) => s.first)));
    report('stream of 400 words: total ms', names, results.stream.map((r) => r.map((s) => s.total)));
    report('paced stream (120 words, 2 ms apart): time to first content ms', names, results.paced.map((r) => r.map((s) => s.first)));
    report('paced stream (120 words, 2 ms apart): total ms', names, results.paced.map((r) => r.map((s) => s.total)));
  } finally {
    await bench.close();
  }
}

interface Sample {
  first: number;
  total: number;
}

function alternate(arms: Arm[], perArm: number, run: (arm: Arm) => Promise<Sample>): Promise<Sample[][]> {
  return rotateArms({ arms, perArm, warmup: 20, run });
}

async function timeJson(api: string, key: string, body: string): Promise<Sample> {
  const start = process.hrtime.bigint();
  const response = await request(`${api}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
  await response.body.text();
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
  const total = Number(process.hrtime.bigint() - start) / 1e6;
  return { first: total, total };
}

async function timeStream(api: string, key: string, body: string): Promise<Sample> {
  const start = process.hrtime.bigint();
  const response = await request(`${api}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
  let first = 0;
  for await (const chunk of response.body) {
    if (first === 0 && /"content":"[^"]/.test((chunk as Buffer).toString())) first = Number(process.hrtime.bigint() - start) / 1e6;
  }
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
  return { first, total: Number(process.hrtime.bigint() - start) / 1e6 };
}

function report(title: string, names: string[], arms: number[][]): void {
  const sorted = arms.map((values) => [...values].sort((a, b) => a - b));
  const p50 = (v: number[]) => pickPercentile(v, 50);
  const p90 = (v: number[]) => pickPercentile(v, 90);
  const off = sorted[0] as number[];
  console.log(`${title}`);
  for (const [index, values] of sorted.entries()) {
    const vs = index === 0 ? '' : `  added p50 ${(p50(values) - p50(off)).toFixed(3)} ms (x${(p50(values) / p50(off)).toFixed(2)})`;
    console.log(`  ${(names[index] ?? '').padEnd(20)} p50 ${p50(values).toFixed(3)}  p90 ${p90(values).toFixed(3)}${vs}`);
  }
}

await main();
