import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { resolveProviders } from './resolve-providers.js';

const account = { type: 'service_account', project_id: 'proj-from-file', client_email: 'sa@x.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n' };

function resolve(inline: unknown, env: NodeJS.ProcessEnv) {
  return resolveProviders(loadConfig({ argv: [], env: {}, inline }), env);
}

describe('Vertex AI provider settings', () => {
  it('enables google-vertex from GOOGLE_APPLICATION_CREDENTIALS, with project, region and regional host', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-vertex-'));
    try {
      const file = join(dir, 'sa.json');
      writeFileSync(file, JSON.stringify(account));
      const vertex = resolve({}, { GOOGLE_APPLICATION_CREDENTIALS: file, GOOGLE_CLOUD_LOCATION: 'europe-west4' }).get('google-vertex');
      assert.equal(vertex?.protocol, 'vertex');
      assert.equal(vertex?.name, 'Google Vertex');
      assert.equal(vertex?.baseUrl, 'https://europe-west4-aiplatform.googleapis.com');
      assert.equal(vertex?.vertex?.project, 'proj-from-file');
      assert.equal(vertex?.vertex?.region, 'europe-west4');
      assert.equal(vertex?.vertex?.credential?.source, 'Google service account credentials (GOOGLE_APPLICATION_CREDENTIALS)');
      assert.equal(vertex?.vertex?.credential?.status().state, 'unknown', 'nothing fetched at start');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes inline JSON from config (env:NAME too), config project and the global host by default', () => {
    const vertex = resolve({ providers: [{ id: 'google-vertex', vertex: { project: 'p2', credentials: 'env:SA_JSON' } }] }, { SA_JSON: JSON.stringify(account) }).get('google-vertex');
    assert.equal(vertex?.vertex?.project, 'p2');
    assert.equal(vertex?.vertex?.region, 'global');
    assert.equal(vertex?.baseUrl, 'https://aiplatform.googleapis.com');
  });

  it('enables the Gemini API preset from GEMINI_API_KEY or GOOGLE_API_KEY', () => {
    const google = resolve({}, { GOOGLE_API_KEY: 'AIza-test' }).get('google');
    assert.equal(google?.protocol, 'gemini');
    assert.equal(google?.baseUrl, 'https://generativelanguage.googleapis.com/v1beta');
    assert.equal(google?.apiKey, 'AIza-test');
    assert.equal(resolve({}, {}).has('google-vertex'), false);
  });

  it('fails at start with messages that name the provider and never print the key', () => {
    assert.throws(() => resolve({}, { GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/sa.json' }), /google-vertex: cannot read the Google credentials file \/nonexistent\/sa\.json: ENOENT/);
    assert.throws(
      () => resolve({ providers: [{ id: 'google-vertex', vertex: { credentials: JSON.stringify({ ...account, type: 'api_key' }) } }] }, {}),
      (error: Error) => /unsupported Google credentials type "api_key"/.test(error.message) && !error.message.includes('PRIVATE KEY'),
    );
    assert.throws(() => resolve({ providers: [{ id: 'google-vertex', vertex: { credentials: '{"type": ' } }] }, {}), /google-vertex: the Google credentials are not valid JSON/);
  });

  it('without credentials or an API key: Application Default Credentials, project from config, env or (later) ADC', () => {
    const vertex = resolve({ providers: [{ id: 'google-vertex', vertex: { region: 'us-central1' } }] }, {}).get('google-vertex');
    assert.equal(vertex?.vertex?.credential?.source, 'Google Application Default Credentials');
    assert.equal(vertex?.vertex?.project, undefined, 'asked from the credentials on first use');
    assert.equal(vertex?.baseUrl, 'https://us-central1-aiplatform.googleapis.com');
    const withProject = resolve({ providers: [{ id: 'google-vertex', vertex: { region: 'us-central1' } }] }, { GOOGLE_CLOUD_PROJECT: 'env-project' }).get('google-vertex');
    assert.equal(withProject?.vertex?.project, 'env-project');
    const fileWithoutProject = resolve({ providers: [{ id: 'google-vertex', vertex: { credentials: JSON.stringify({ ...account, project_id: undefined }) } }] }, {}).get('google-vertex');
    assert.equal(fileWithoutProject?.vertex?.project, undefined);
    assert.equal(fileWithoutProject?.vertex?.credential?.source, 'Google service account credentials (providers.google-vertex.vertex.credentials)');
  });

  it('an API key without credentials is express mode (no OAuth)', () => {
    const vertex = resolve({}, { VERTEX_API_KEY: 'AIza-express' }).get('google-vertex');
    assert.equal(vertex?.vertex?.credential, undefined);
    assert.equal(vertex?.apiKey, 'AIza-express');
  });
});
