/**
 * The architecture contract, executable: which top-level folder of src/ may import which.
 * docs/architecture.md explains it; src/architecture.test.ts runs it (so `npm test` and CI
 * fail on a wrong-way import or a cycle) and checks that LAYERS itself has no cycle.
 *
 * Layers, bottom to top (a folder may import its own layer's listed peers and anything below):
 *   core                      canonical types, money, errors, provider/SSE/privacy types; imports nothing of src/
 *   config                    the config file's schema, loader, secret references and preset table
 *   protocols providers stores upstream     wire formats, provider resolution, persistence, HTTP client
 *   routing billing guardrails cache privacy rate-limits auth byok telemetry audit alerts    request services
 *   pipeline                  the inference lifecycle (stages, dispatch, relay)
 *   batch                     batch jobs (Files/Batches API, runner); batch/native/ sits lower, like protocols
 *   http                      Fastify routes, inbound codecs, writing bytes
 *   app.ts main.ts start-gateway.ts cli/    wiring and commands (may import anything)
 */
const FOUNDATION = ['core', 'config'];
const LOWER = [...FOUNDATION, 'protocols', 'providers', 'stores', 'upstream'];
const SERVICES = ['routing', 'billing', 'guardrails', 'cache', 'privacy', 'rate-limits', 'auth', 'byok', 'telemetry', 'audit', 'alerts'];

/** folder → the folders it may import (besides itself). Sideways imports between services are listed one by one. */
const LAYERS = {
  core: [],
  config: ['core'],
  protocols: ['core'],
  providers: ['core', 'config'],
  stores: ['core'],
  upstream: ['core'],
  routing: LOWER,
  billing: [...LOWER, 'routing', 'rate-limits'],
  guardrails: [...LOWER, 'routing', 'billing'],
  cache: LOWER,
  privacy: [...LOWER, 'routing'],
  'rate-limits': LOWER,
  auth: LOWER,
  byok: [...LOWER, 'routing'],
  telemetry: [...LOWER, 'routing'],
  audit: LOWER,
  alerts: [...LOWER, 'routing'],
  pipeline: [...LOWER, ...SERVICES],
  batch: [...LOWER, ...SERVICES, 'pipeline'],
  http: [...LOWER, ...SERVICES, 'pipeline', 'batch'],
};

/** Tests and fixtures may reach across layers to set things up; the rules are about shipped code. */
const NOT_TESTS = '(\\.test\\.ts$|/__fixtures__/)';

const layerRules = Object.entries(LAYERS).map(([folder, allowed]) => ({
  name: `layer-${folder}`,
  comment: `src/${folder}/ may import only ${allowed.length ? allowed.join(', ') : 'nothing else of src/'} (see docs/architecture.md)`,
  severity: 'error',
  from: { path: `^src/${folder}/`, pathNot: NOT_TESTS },
  to: { path: '^src/', pathNot: `^src/(${[folder, ...allowed].join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'No import cycles between modules (and so none between folders).',
      severity: 'error',
      from: { pathNot: NOT_TESTS },
      to: { circular: true },
    },
    {
      name: 'batch-native-like-protocols',
      comment: 'src/batch/native/ (provider batch API clients) may import only core, config, protocols, providers and upstream.',
      severity: 'error',
      from: { path: '^src/batch/native/', pathNot: NOT_TESTS },
      to: { path: '^src/', pathNot: '^src/(core|config|protocols|providers|upstream|batch/native)/' },
    },
    {
      name: 'fastify-only-in-http',
      comment: 'Only http/ (and the wiring on top) knows the web framework.',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(http/|app\\.ts$|start-gateway\\.ts$|cli/)|${NOT_TESTS}` },
      to: { path: 'node_modules/(fastify|@fastify)/' },
    },
    {
      name: 'stages-only-in-the-stage-list',
      comment: 'Only pipeline/inference-stages.ts assembles stages: no route or other module wires a lifecycle by hand.',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/pipeline/(inference-stages\\.ts$|stages/)|${NOT_TESTS}` },
      to: { path: '^src/pipeline/stages/' },
    },
    {
      name: 'price-only-in-settle',
      comment: 'Generations are priced in exactly one place, the settle stage (billing/ itself aside).',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(billing/|pipeline/stages/settle-generation\\.ts$)|${NOT_TESTS}` },
      to: { path: '^src/billing/compute-cost\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};

// Not part of dependency-cruiser's schema (so not enumerable): read by src/architecture.test.ts.
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
