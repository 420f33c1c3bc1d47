import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { replayAnthropicThinking } from '../anthropic-messages/replay-anthropic-thinking.js';
import { replayReasoningDetails } from '../bedrock-converse/replay-reasoning-details.js';
import { mergeReasoningDetails } from './merge-reasoning-details.js';

const CLAUDE = new Set([undefined, 'anthropic-claude-v1']);

describe('mergeReasoningDetails', () => {
  it('joins streamed pieces per index and ends a text block at its signature', () => {
    const merged = mergeReasoningDetails(
      [
        { type: 'reasoning.text', text: 'a', index: 0 },
        { type: 'reasoning.text', text: 'b', index: 0 },
        { type: 'reasoning.text', signature: 's1', index: 0 },
        // A client that renumbered both blocks 0: the signature still separates them.
        { type: 'reasoning.text', text: 'c', signature: 's2', index: 0 },
        { type: 'reasoning.text', text: 'unsigned', index: 1 },
        { type: 'reasoning.text', text: 'other vendor', signature: 'g', format: 'google-gemini-v1', index: 2 },
        { type: 'reasoning.summary', summary: 'x', index: 3 },
        null,
      ],
      CLAUDE,
    );
    assert.deepEqual(merged, [
      { kind: 'text', text: 'ab', signature: 's1' },
      { kind: 'text', text: 'c', signature: 's2' },
    ]);
  });

  it('joins an encrypted blob that streamed in pieces into one block, for Bedrock as for Anthropic', () => {
    const details = [
      { type: 'reasoning.encrypted', data: 'opa', format: 'anthropic-claude-v1', index: 0 },
      { type: 'reasoning.encrypted', data: 'que', format: 'anthropic-claude-v1', index: 0 },
      { type: 'reasoning.encrypted', data: '', format: 'anthropic-claude-v1', index: 1 },
    ];
    assert.deepEqual(replayReasoningDetails(details), [{ reasoningContent: { redactedContent: 'opaque' } }]);
    assert.deepEqual(replayAnthropicThinking(details), [{ type: 'redacted_thinking', data: 'opaque' }]);
  });

  it('replays only the formats the caller can verify', () => {
    const details = [{ type: 'reasoning.text', text: 't', signature: 's', format: 'unknown', index: 0 }];
    assert.deepEqual(replayReasoningDetails(details), [{ reasoningContent: { reasoningText: { text: 't', signature: 's' } } }]);
    assert.deepEqual(replayAnthropicThinking(details), []);
    assert.deepEqual(mergeReasoningDetails('not an array', CLAUDE), []);
  });
});
