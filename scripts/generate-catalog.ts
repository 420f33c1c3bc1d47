/**
 * Generates src/routing/catalog/builtin-catalog.json from the public catalog snapshots:
 * OpenRouter's /models list is the set of models; models.dev and LiteLLM add direct vendor
 * endpoints. The output depends only on the inputs, so regenerating gives the same file.
 *
 * Usage: npm run catalog [-- --source DIR] [--out FILE] [--verbose]
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCatalog } from './catalog/build-catalog.js';
import { LITELLM_FILE, readLitellmPrices } from './catalog/read-litellm-prices.js';
import { MODELS_DEV_FILE, readModelsDev } from './catalog/read-models-dev.js';
import { readOpenRouterSnapshot } from './catalog/read-openrouter-snapshot.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    source: { type: 'string', default: join(repoRoot, '..', 'shared', 'data', 'catalog') },
    out: { type: 'string', default: join(repoRoot, 'src', 'routing', 'catalog', 'builtin-catalog.json') },
    verbose: { type: 'boolean', default: false },
  },
});
const sourceDir = resolve(values.source);
const outFile = resolve(values.out);

const openrouter = readOpenRouterSnapshot(sourceDir);
const { catalog, report } = buildCatalog({
  openrouter,
  modelsDev: readModelsDev(sourceDir),
  litellm: readLitellmPrices(sourceDir),
  sourceNames: [openrouter.fileName, MODELS_DEV_FILE, LITELLM_FILE],
});

const text = `${JSON.stringify(catalog, null, 2)}\n`;
writeFileSync(outFile, text);

const log = (line: string): void => void process.stdout.write(`${line}\n`);
log(`wrote ${relative(process.cwd(), outFile)}: ${catalog.models.length} models, ${text.length} bytes`);
log(`endpoints: ${Object.entries(report.endpointsByProvider).sort().map(([p, n]) => `${p}=${n}`).join(' ')}`);
log(`skipped models (router or negative price): ${report.skippedModels.join(', ') || 'none'}`);
const sections: Array<[string, string[]]> = [
  ['rejected matches (price too far from OpenRouter)', report.rejectedMatches],
  ['matched but unpriced', report.unpricedMatches],
  ['priced from LiteLLM', report.litellmPriced],
  ['source disagreements', report.warnings],
];
for (const [title, lines] of sections) {
  log(`${title}: ${lines.length}`);
  if (values.verbose) for (const line of lines) log(`  ${line}`);
}
