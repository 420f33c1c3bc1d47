import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage } from '../../core/canonical/chat-request.js';
import { estimatePromptTokens } from '../../core/estimate-tokens.js';
import { dropMiddleMessages } from './compress-context.js';

const filler = (label: string) => `${label} ${'words to take up room '.repeat(10)}`;

describe('dropMiddleMessages (middle-out)', () => {
  it('keeps a tool call with its results: never a tool message without the call before it', () => {
    const messages: ChatMessage[] = [{ role: 'developer', content: 'rules' }];
    for (let turn = 0; turn < 8; turn += 1) {
      messages.push({ role: 'user', content: filler(`q${turn}`) });
      messages.push({ role: 'assistant', content: null, tool_calls: [{ id: `call_${turn}`, type: 'function', function: { name: 'look', arguments: filler('{}') } }] });
      messages.push({ role: 'tool', tool_call_id: `call_${turn}`, content: filler(`result ${turn}`) });
    }
    messages.push({ role: 'user', content: 'last' });
    const budget = Math.floor(estimatePromptTokens({ messages }) / 3);
    const kept = dropMiddleMessages({ messages }, budget);
    assert.ok(estimatePromptTokens({ messages: kept }) <= budget, 'fits the budget');
    assert.equal(kept[0]?.content, 'rules');
    assert.equal(kept.at(-1)?.content, 'last');
    kept.forEach((message, index) => {
      if (message.role !== 'tool') return;
      const call = kept.slice(0, index).reverse().find((earlier) => earlier.role === 'assistant');
      assert.ok(call?.tool_calls?.some((tool) => tool.id === message.tool_call_id), `tool result ${message.tool_call_id} keeps its call`);
    });
  });

  it('drops nothing when the prompt already fits', () => {
    const messages: ChatMessage[] = [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }];
    assert.deepEqual(dropMiddleMessages({ messages }, 1000), messages);
  });
});
