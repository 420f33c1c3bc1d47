import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const root = fileURLToPath(new URL('..', import.meta.url));
const rules = fileURLToPath(new URL('../.dependency-cruiser.cjs', import.meta.url));
const depcruise = fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs dependency-cruiser's CLI with the project's rules over `src` under `cwd`. */
function cruise(cwd: string): Violation[] {
  const run = spawnSync(process.execPath, [depcruise, 'src', '--config', rules, '--output-type', 'json'], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  assert.ok(run.stdout, `depcruise printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

describe('architecture (.dependency-cruiser.cjs, docs/architecture.md)', () => {
  it('src/ has no wrong-way import, no cycle and no framework leak', () => {
    const violations = cruise(root);
    assert.deepEqual(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`), []);
  });

  it('the rules catch a wrong-way import, a folder cycle, Fastify outside http, pricing outside settle and a hand-wired stage (known-bad sample)', () => {
    const violations = cruise(fileURLToPath(new URL('fixtures/architecture-violations/', import.meta.url)));
    const found = new Set(violations.map((v) => `${v.rule.name} ${v.from} → ${v.to}`));
    assert.ok(found.has('layer-core src/core/wrong-way.ts → src/pipeline/stage.ts'), [...found].join('\n'));
    assert.ok(found.has('layer-routing src/routing/route.ts → src/billing/price.ts'), [...found].join('\n'));
    assert.ok([...found].some((v) => v.startsWith('no-circular src/billing/price.ts')), [...found].join('\n'));
    assert.ok([...found].some((v) => v.startsWith('fastify-only-in-http src/protocols/knows-fastify.ts')), [...found].join('\n'));
    assert.ok(found.has('price-only-in-settle src/pipeline/price-twice.ts → src/billing/compute-cost.ts'), [...found].join('\n'));
    assert.ok(found.has('batch-native-like-protocols src/batch/native/knows-billing.ts → src/billing/price.ts'), [...found].join('\n'));
    assert.ok(found.has('stages-only-in-the-stage-list src/http/hand-wired-route.ts → src/pipeline/stages/dispatch.ts'), [...found].join('\n'));
  });

  it('the layer map itself is acyclic, so obeying it means no cycle between folders', () => {
    const layers = (createRequire(import.meta.url)(rules) as { LAYERS: Record<string, string[]> }).LAYERS;
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (folder: string, path: string[]): void => {
      if (state.get(folder) === 'done') return;
      assert.notEqual(state.get(folder), 'visiting', `layer cycle: ${[...path, folder].join(' → ')}`);
      state.set(folder, 'visiting');
      for (const next of layers[folder] ?? []) visit(next, [...path, folder]);
      state.set(folder, 'done');
    };
    for (const folder of Object.keys(layers)) visit(folder, []);
    assert.deepEqual(layers.core, []);
    // A new top-level folder must be placed in a layer (cli/ is wiring on top, like app.ts).
    const folders = readdirSync(new URL('../src/', import.meta.url), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    assert.deepEqual(folders.map((entry) => entry.name).filter((name) => name !== 'cli' && !(name in layers)), []);
  });
});
