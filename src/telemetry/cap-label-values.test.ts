import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LabelValueCap, OVERFLOW_LABEL } from './cap-label-values.js';

describe('LabelValueCap', () => {
  it('keeps the first values up to the limit and reports every later one as other', () => {
    const cap = new LabelValueCap(2);
    assert.equal(cap.label('openai/gpt-4o'), 'openai/gpt-4o');
    assert.equal(cap.label('anthropic/claude'), 'anthropic/claude');
    assert.equal(cap.label('google/gemini'), OVERFLOW_LABEL);
    assert.equal(cap.label('openai/gpt-4o'), 'openai/gpt-4o', 'a value already kept stays itself');
    assert.equal(cap.label('meta/llama'), OVERFLOW_LABEL);
  });

  it('holds at most the limit however many values arrive', () => {
    const cap = new LabelValueCap(10);
    const reported = new Set<string>();
    for (let index = 0; index < 10_000; index += 1) reported.add(cap.label(`model-${index}`));
    assert.equal(reported.size, 11, '10 values and other');
  });
});
