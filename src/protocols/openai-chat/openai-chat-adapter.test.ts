import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import { openAIChatAdapter } from './openai-chat-adapter.js';

const provider: Provider = {
  id: 'p',
  name: 'P',
  protocol: 'openai',
  baseUrl: 'https://p.example/v1',
  apiKey: 'secret',
  headers: {},
  dataPolicy: { zdr: false, trainsOnData: false, retainsPromptsDays: 30, region: 'us', moderated: false },
  timeouts: { connectMs: 1, firstByteMs: 1, idleMs: 1, totalMs: 1 },
  local: false,
};

test('an in-stream {error} keeps its status and message but never passes an echoed key on', () => {
  const decoder = openAIChatAdapter.createStreamDecoder(provider);
  const data = JSON.stringify({ error: { code: 429, message: 'Rate limit for key sk-live-abcdef123456 reached' } });
  assert.throws(
    () => decoder.decode({ event: undefined, data }),
    (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.status, 429);
      assert.equal(error.message, 'Rate limit for key [REDACTED_KEY] reached');
      assert.doesNotMatch(JSON.stringify(error.metadata), /abcdef123456/);
      return true;
    },
  );
});
