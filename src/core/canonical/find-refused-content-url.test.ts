import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from './chat-request.js';
import { findRefusedContentUrl } from './find-refused-content-url.js';

const request = (...parts: unknown[]): ChatRequest => ({ messages: [{ role: 'user', content: parts as never }] });

describe('findRefusedContentUrl', () => {
  it('ignores text that merely contains a colon and raw base64 payloads', () => {
    assert.equal(findRefusedContentUrl(request({ type: 'text', text: 's3://not-a-url-here: just text' })), undefined);
    assert.equal(findRefusedContentUrl(request({ type: 'input_audio', input_audio: { data: 'UklGRiQAAABXQVZF', format: 'wav' } })), undefined);
    assert.equal(findRefusedContentUrl(request({ type: 'file', file: { filename: 'a.pdf', file_data: 'JVBERi0xLjQK' } })), undefined);
  });

  it('names the first refused field, case-insensitively, and honours allowed schemes', () => {
    const req = request({ type: 'image_url', image_url: { url: 'https://x/a.png' } }, { type: 'image_url', image_url: ' S3://b/k.png' });
    assert.deepEqual(findRefusedContentUrl(req), { field: 'messages[0].content[1].image_url', scheme: 's3' });
    assert.equal(findRefusedContentUrl(req, ['s3']), undefined);
  });

  it('survives malformed messages and parts', () => {
    const odd = { messages: [null, { role: 'user', content: [null, 7, { type: 1 }, { type: 'image_url', image_url: null }] }] } as unknown as ChatRequest;
    assert.equal(findRefusedContentUrl(odd), undefined);
  });
});
