import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function writeConfig(yaml: string): string {
  const path = join(dir, `config-${++counter}.yaml`);
  writeFileSync(path, yaml);
  return path;
}

const SAMPLE = `
listen:
  host: 0.0.0.0
  port: 9090
database: "memory:"
providers:
  - id: acme
    name: Acme AI
    base_url: https://api.acme.example/v1
    api_key: env:ACME_KEY
models:
  - id: acme/fast-1
    endpoints:
      - provider: acme
        model: fast-1
        pricing: { prompt: "0.000001", completion: 0.000002 }
`;

function rejectsWith(run: () => unknown, ...patterns: Array<string | RegExp>): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    for (const pattern of patterns) {
      if (typeof pattern === 'string') assert.ok(error.message.includes(pattern), `"${error.message}" should mention ${pattern}`);
      else assert.match(error.message, pattern);
    }
    return true;
  });
}

describe('loadConfig', () => {
  it('uses defaults with no file and no env', () => {
    const config = loadConfig({ argv: [], env: {} });
    assert.deepEqual(config.listen, { host: '127.0.0.1', port: 8080 });
    assert.equal(config.database, 'sqlite:./data/switchyard.db');
    assert.deepEqual(config.providers, []);
    assert.deepEqual(config.models, []);
    assert.equal(config.max_attempts, 6);
  });

  it('reads the file named by --config PATH and --config=PATH', () => {
    const path = writeConfig(SAMPLE);
    for (const argv of [['--config', path], [`--config=${path}`], ['--verbose', '--config', path]]) {
      const config = loadConfig({ argv, env: {} });
      assert.deepEqual(config.listen, { host: '0.0.0.0', port: 9090 });
      assert.equal(config.database, 'memory:');
      assert.equal(config.providers[0]?.id, 'acme');
      assert.equal(config.providers[0]?.protocol, undefined, 'protocol is optional: presets keep theirs, others default to openai');
      assert.equal(config.providers[0]?.api_key, 'env:ACME_KEY');
      assert.deepEqual(config.models[0]?.endpoints[0]?.pricing, { prompt: '0.000001', completion: 0.000002 });
    }
  });

  it('reads the file named by SWITCHYARD_CONFIG, and --config wins over it', () => {
    const path = writeConfig(SAMPLE);
    assert.equal(loadConfig({ argv: [], env: { SWITCHYARD_CONFIG: path } }).listen.port, 9090);
    const other = writeConfig('listen: { port: 7070 }\n');
    assert.equal(loadConfig({ argv: ['--config', other], env: { SWITCHYARD_CONFIG: path } }).listen.port, 7070);
  });

  it('treats an empty file as an empty mapping', () => {
    assert.equal(loadConfig({ argv: ['--config', writeConfig('')], env: {} }).listen.port, 8080);
  });

  it('lets PORT, HOST and the SWITCHYARD_* variables override the file', () => {
    const path = writeConfig(SAMPLE);
    const config = loadConfig({
      argv: ['--config', path],
      env: { PORT: '3000', HOST: '::1', SWITCHYARD_DATABASE: 'sqlite:/tmp/x.db', SWITCHYARD_DATA_DIR: '/tmp/d', SWITCHYARD_ADMIN_KEY: 'a', SWITCHYARD_MASTER_KEY: 'm' },
    });
    assert.deepEqual(config.listen, { host: '::1', port: 3000 });
    assert.equal(config.database, 'sqlite:/tmp/x.db');
    assert.equal(config.data_dir, '/tmp/d');
    assert.equal(config.admin_key, 'env:SWITCHYARD_ADMIN_KEY');
    assert.equal(config.master_key, 'env:SWITCHYARD_MASTER_KEY');
  });

  it('takes redis from the file or SWITCHYARD_REDIS (env wins), with a default key prefix', () => {
    const fromFile = loadConfig({ argv: [], env: {}, inline: { redis: 'redis://file:6379', redis_prefix: 'team-a:' } });
    assert.equal(fromFile.redis, 'redis://file:6379');
    assert.equal(fromFile.redis_prefix, 'team-a:');
    const fromEnv = loadConfig({ argv: [], env: { SWITCHYARD_REDIS: 'redis://env:6380/2' }, inline: { redis: 'redis://file:6379' } });
    assert.equal(fromEnv.redis, 'redis://env:6380/2');
    assert.equal(fromEnv.redis_prefix, 'switchyard:');
    assert.equal(loadConfig({ argv: [], env: {} }).redis, undefined);
    assert.throws(() => loadConfig({ argv: [], env: { SWITCHYARD_REDIS: 'localhost:6379' } }), /redis: redis:\/\//);
  });

  it('applies env overrides to inline config too', () => {
    const config = loadConfig({ argv: [], env: { PORT: '0' }, inline: { listen: { host: 'localhost' } } });
    assert.deepEqual(config.listen, { host: 'localhost', port: 0 });
  });

  it('rejects a non-integer or out-of-range PORT', () => {
    rejectsWith(() => loadConfig({ argv: [], env: { PORT: 'abc' } }), 'PORT');
    rejectsWith(() => loadConfig({ argv: [], env: { PORT: '70000' } }), 'listen.port');
  });

  it('names the file and the key path of an invalid value', () => {
    const path = writeConfig('listen:\n  port: "x"\n');
    rejectsWith(() => loadConfig({ argv: ['--config', path], env: {} }), path, 'listen.port');
  });

  it('names an unknown top-level key', () => {
    const path = writeConfig('listen: { port: 1 }\nlisten_port: 8080\n');
    rejectsWith(() => loadConfig({ argv: ['--config', path], env: {} }), path, 'listen_port');
  });

  it('names nested key paths with their index', () => {
    const path = writeConfig('providers:\n  - id: ok\n    base_url: https://x.example\n  - id: Bad Id\n    base_url: https://y.example\n');
    rejectsWith(() => loadConfig({ argv: ['--config', path], env: {} }), path, 'providers.1.id');
    const model = writeConfig('models:\n  - id: a/b\n    endpoints:\n      - provider: p\n        model: m\n        pricing: { prompt: "-1", completion: "0" }\n');
    rejectsWith(() => loadConfig({ argv: ['--config', model], env: {} }), model, 'models.0.endpoints.0.pricing.prompt');
  });

  it('rejects at load time a provider that has no base_url and is not a preset, naming file and key', () => {
    const path = writeConfig('providers:\n  - id: acme\n    api_key: env:ACME_KEY\n');
    rejectsWith(() => loadConfig({ argv: ['--config', path], env: {} }), path, /providers\.(0|acme)/, 'base_url');
  });

  it('explains a missing file, bad YAML, a non-mapping and a bare --config', () => {
    const missing = join(dir, 'missing.yaml');
    rejectsWith(() => loadConfig({ argv: ['--config', missing], env: {} }), missing);
    const bad = writeConfig('listen: [unclosed\n');
    rejectsWith(() => loadConfig({ argv: ['--config', bad], env: {} }), bad, 'YAML');
    const list = writeConfig('- a\n- b\n');
    rejectsWith(() => loadConfig({ argv: ['--config', list], env: {} }), list, 'mapping');
    rejectsWith(() => loadConfig({ argv: ['--config'], env: {} }), '--config');
  });
});

it('the embedded database follows the data directory unless a database is named', async () => {
  const { loadConfig } = await import('./load-config.js');
  assert.equal(loadConfig({ argv: [], env: {} }).database, 'sqlite:./data/switchyard.db');
  assert.equal(loadConfig({ argv: [], env: { SWITCHYARD_DATA_DIR: '/srv/switchyard' } }).database, 'sqlite:/srv/switchyard/switchyard.db');
  assert.equal(loadConfig({ argv: [], env: {}, inline: { data_dir: 'state' } }).database, 'sqlite:state/switchyard.db');
  assert.equal(loadConfig({ argv: [], env: { SWITCHYARD_DATA_DIR: '/srv/x', SWITCHYARD_DATABASE: 'sqlite:/elsewhere.db' } }).database, 'sqlite:/elsewhere.db');
  assert.equal(loadConfig({ argv: [], env: { SWITCHYARD_DATA_DIR: '/srv/x' }, inline: { database: 'memory:' } }).database, 'memory:');
});
