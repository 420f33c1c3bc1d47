import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { conversationKey, StickySessions } from './sticky-sessions.js';

describe('StickySessions', () => {
  it('remembers a provider for 10 idle minutes, refreshed by use', () => {
    const sticky = new StickySessions();
    sticky.set('k', 'groq', 0);
    assert.equal(sticky.get('k', 9 * 60_000), 'groq');
    sticky.set('k', 'groq', 9 * 60_000);
    assert.equal(sticky.get('k', 18 * 60_000), 'groq');
    assert.equal(sticky.get('k', 29 * 60_000), undefined);
  });

  it('is bounded: the least recently used conversation goes first', () => {
    const sticky = new StickySessions({ maxEntries: 2 });
    sticky.set('a', 'p', 0);
    sticky.set('b', 'p', 1);
    sticky.set('a', 'p', 2);
    sticky.set('c', 'p', 3);
    assert.equal(sticky.size, 2);
    assert.equal(sticky.get('b', 4), undefined);
    assert.equal(sticky.get('a', 4), 'p');
  });
});

describe('conversationKey', () => {
  const turn1 = { messages: [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Hi' }] };
  it('is stable across turns of one conversation and differs between conversations', () => {
    const turn2 = { messages: [...turn1.messages, { role: 'assistant' as const, content: 'Hello' }, { role: 'user' as const, content: 'More' }] };
    assert.equal(conversationKey(turn1, undefined), conversationKey(turn2, undefined));
    assert.notEqual(conversationKey(turn1, undefined), conversationKey({ messages: [{ role: 'user', content: 'Other' }] }, undefined));
  });

  it('prefers session_id, then the x-session-id header', () => {
    assert.equal(conversationKey({ ...turn1, session_id: 'abc' }, 'hdr'), 's:abc');
    assert.equal(conversationKey(turn1, 'hdr'), 's:hdr');
  });
});
