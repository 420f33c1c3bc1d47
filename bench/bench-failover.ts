/**
 * `npm run bench:failover [-- --requests N]`
 *
 * Added latency of one failover attempt, measured side by side in one run: the OpenAI
 * simulator and a Switchyard gateway (in-memory stores) run in this process; three providers
 * on the simulator are told apart by their API keys. Every request is answered by `p-ok`;
 * the arms differ only in what is tried first (pinned with `provider.order`):
 *  - direct:        p-ok answers the first attempt;
 *  - 503 then ok:   p-503 answers 503 (OpenAI's error body), then p-ok answers;
 *  - reset then ok: p-reset destroys the socket without a response, then p-ok answers.
 * Requests are non-streamed, one at a time, arms interleaved (rotating which goes first).
 * Reported: p50 / p90 per arm, and the added p50 / p90 against the direct arm.
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { request } from 'undici';
import { pickPercentile } from './pick-percentile.js';
import { rotateArms, startBenchGateway } from './start-bench-gateway.js';

const ADMIN = 'sk-or-v1-bench0failover0000000000000000000000000000000000000000';

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { requests: { type: 'string' } } });
  const perArm = Number(values.requests ?? 300);
  const providers = ['ok', '503', 'reset'].map((name) => ({ id: `p-${name}`, name: `P ${name}`, api_key: `sk-${name}` }));
  const bench = await startBenchGateway({
    adminKey: ADMIN,
    providers: (simUrl) => providers.map((provider) => ({ ...provider, base_url: simUrl })),
    models: [
      {
        id: 'sim/echo',
        name: 'Echo',
        context_length: 128000,
        endpoints: providers.map((provider) => ({ provider: provider.id, model: 'echo-1', pricing: { prompt: '0.000001', completion: '0.000002' } })),
      },
    ],
  });
  bench.sim.setKeyFault('sk-503', { status: 503 });
  bench.sim.setKeyFault('sk-reset', { reset: true });
  const { api } = bench;
  try {
    const { key } = (await bench.manage('/keys', { name: 'bench' })) as { key: string };
    const body = (order: string[]) => JSON.stringify({ model: 'sim/echo', provider: { order }, messages: [{ role: 'user', content: 'Say hello to the failover bench.' }] });
    const arms = [
      { name: 'direct', body: body(['p-ok']) },
      { name: '503 then ok', body: body(['p-503', 'p-ok']) },
      { name: 'reset then ok', body: body(['p-reset', 'p-ok']) },
    ];
    const samples = await rotateArms({ arms, perArm, warmup: 30, run: (arm) => timeJson(api, key, arm.body) });
    console.log(`failover bench: ${perArm} requests per arm, interleaved, sequential, non-streamed; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const sorted = samples.map((values) => [...values].sort((a, b) => a - b));
    const base = sorted[0] as number[];
    arms.forEach((arm, index) => {
      const values = sorted[index] as number[];
      const p50 = pickPercentile(values, 50);
      const p90 = pickPercentile(values, 90);
      const added = index === 0 ? '' : `  added p50 ${(p50 - pickPercentile(base, 50)).toFixed(3)} ms (x${(p50 / pickPercentile(base, 50)).toFixed(2)}), added p90 ${(p90 - pickPercentile(base, 90)).toFixed(3)} ms`;
      console.log(`  ${arm.name.padEnd(14)} p50 ${p50.toFixed(3)}  p90 ${p90.toFixed(3)}${added}`);
    });
  } finally {
    await bench.close();
  }
}

async function timeJson(api: string, key: string, body: string): Promise<number> {
  const start = process.hrtime.bigint();
  const response = await request(`${api}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
  const text = await response.body.text();
  if (response.statusCode !== 200 || !text.includes('"provider":"P ok"')) throw new Error(`status ${response.statusCode}: ${text.slice(0, 200)}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

await main();
