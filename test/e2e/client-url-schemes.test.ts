import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

/**
 * #11 item 4: clients may only send https:, http: and data: URLs in image, file, audio and video
 * parts, on every inbound protocol. s3://, gs://, file://, ftp://… are refused with a 400 naming the
 * field before any upstream is called, unless the operator allows the scheme (`allow_storage_urls`).
 */
const chatPart = (part: Record<string, unknown>) => ({ model: 'sim/echo', messages: [{ role: 'user', content: [{ type: 'text', text: 'look: here' }, part] }] });

describe('client URL schemes', () => {
  let stack: TestStack;
  let allowing: TestStack;

  before(async () => {
    stack = await startTestStack();
    allowing = await startTestStack({ config: { allow_storage_urls: ['s3'] } });
  });
  after(async () => {
    await stack?.close();
    await allowing?.close();
  });

  const post = (target: TestStack, path: string, body: unknown) =>
    fetch(`${target.baseURL}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const refusedChat: Array<[string, Record<string, unknown>, string]> = [
    ['s3 image', { type: 'image_url', image_url: { url: 's3://operator-bucket/secret.png' } }, 'messages[0].content[1].image_url.url'],
    ['gs image', { type: 'image_url', image_url: { url: 'gs://operator-bucket/secret.png' } }, 'messages[0].content[1].image_url.url'],
    ['file image', { type: 'image_url', image_url: { url: 'file:///etc/passwd' } }, 'messages[0].content[1].image_url.url'],
    ['ftp image (upper case)', { type: 'image_url', image_url: { url: 'FTP://host/x.png' } }, 'messages[0].content[1].image_url.url'],
    ['s3 file', { type: 'file', file: { filename: 'a.pdf', file_data: 's3://operator-bucket/a.pdf' } }, 'messages[0].content[1].file.file_data'],
    ['gs video', { type: 'video_url', video_url: { url: 'gs://operator-bucket/v.mp4' } }, 'messages[0].content[1].video_url.url'],
    ['file audio', { type: 'input_audio', input_audio: { data: 'file:///etc/shadow', format: 'wav' } }, 'messages[0].content[1].input_audio.data'],
  ];

  for (const [name, part, field] of refusedChat) {
    it(`chat completions refuses a ${name} with a 400 naming ${field}, calling no upstream`, async () => {
      stack.sim.reset();
      const res = await post(stack, '/chat/completions', chatPart(part));
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { code: number; message: string; metadata?: { unsupported_field?: string } } };
      assert.equal(body.error.code, 400);
      assert.ok(body.error.message.includes(field), body.error.message);
      assert.match(body.error.message, /https:, http:, data:/);
      assert.equal(body.error.metadata?.unsupported_field, field);
      assert.equal(stack.sim.requests.length, 0, 'no upstream call');
    });
  }

  it('Anthropic messages refuses an s3 image source and a gs document source before any upstream call', async () => {
    stack.sim.reset();
    for (const block of [
      { type: 'image', source: { type: 'url', url: 's3://operator-bucket/secret.png' } },
      { type: 'document', source: { type: 'url', url: 'gs://operator-bucket/secret.pdf' } },
    ]) {
      const res = await post(stack, '/messages', { model: 'sim/echo', max_tokens: 16, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, block] }] });
      assert.equal(res.status, 400);
      const text = await res.text();
      assert.match(text, /messages\[0\]\.content\[1\]/);
      assert.match(text, /\\"(s3|gs):\\" URLs are not accepted/);
    }
    assert.equal(stack.sim.requests.length, 0, 'no upstream call');
  });

  it('https, http and data URLs still go through', async () => {
    stack.sim.reset();
    for (const url of ['https://example.com/a.png', 'http://example.com/a.png', 'data:image/png;base64,iVBORw0KGgo=']) {
      const res = await post(stack, '/chat/completions', chatPart({ type: 'image_url', image_url: { url } }));
      assert.equal(res.status, 200, await res.text());
    }
    assert.equal(stack.sim.requests.length, 3);
  });

  it('an operator can allow a storage scheme; others stay refused', async () => {
    allowing.sim.reset();
    const allowed = await post(allowing, '/chat/completions', chatPart({ type: 'image_url', image_url: { url: 's3://operator-bucket/ok.png' } }));
    assert.equal(allowed.status, 200, await allowed.text());
    const refused = await post(allowing, '/chat/completions', chatPart({ type: 'image_url', image_url: { url: 'gs://operator-bucket/no.png' } }));
    assert.equal(refused.status, 400);
    assert.match(((await refused.json()) as { error: { message: string } }).error.message, /https:, http:, data:, s3:/);
    assert.equal(allowing.sim.requests.length, 1);
  });
});
