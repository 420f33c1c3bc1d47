import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ChatRequest } from '../../core/canonical/chat-request.js';
import { classifyPrompt } from './classify-prompt.js';

interface Labelled {
  prompt: string;
  task: string;
  difficulty: string;
  tools?: boolean;
}

const { prompts } = JSON.parse(readFileSync(new URL('./__fixtures__/labelled-prompts.json', import.meta.url), 'utf8')) as { prompts: Labelled[] };
const TOOL = [{ type: 'function', function: { name: 'do_it', parameters: { type: 'object', properties: {} } } }];

describe('classifyPrompt on the labelled prompt set', () => {
  it('has at least 60 labelled prompts', () => assert.ok(prompts.length >= 60));

  it('task type and difficulty accuracy stay above their bounds', () => {
    let task = 0;
    let difficulty = 0;
    let both = 0;
    const misses: string[] = [];
    for (const item of prompts) {
      const request: ChatRequest = { messages: [{ role: 'user', content: item.prompt }], ...(item.tools ? { tools: TOOL } : {}) };
      const got = classifyPrompt(request);
      const taskOk = got.taskType === item.task;
      const difficultyOk = got.difficulty === item.difficulty;
      task += taskOk ? 1 : 0;
      difficulty += difficultyOk ? 1 : 0;
      both += taskOk && difficultyOk ? 1 : 0;
      if (!taskOk || !difficultyOk) misses.push(`${item.task}/${item.difficulty} → ${got.taskType}/${got.difficulty}: ${item.prompt.slice(0, 60)}`);
    }
    const n = prompts.length;
    const report = `task ${(task / n).toFixed(3)}, difficulty ${(difficulty / n).toFixed(3)}, both ${(both / n).toFixed(3)} (n=${n})`;
    console.log(`auto-router classifier accuracy: ${report}\n  ${misses.join('\n  ')}`);
    assert.ok(task / n >= 0.85, report);
    assert.ok(difficulty / n >= 0.75, report);
  });

  it('difficulty rises with conversation depth and requested reasoning', () => {
    const base: ChatRequest = { messages: [{ role: 'user', content: 'Compare these two approaches to caching and tell me which to pick for our API.' }] };
    assert.equal(classifyPrompt(base).difficulty, 'medium');
    assert.equal(classifyPrompt({ ...base, reasoning: { effort: 'high' } }).difficulty, 'hard');
    const deep = Array.from({ length: 12 }, (_, i) => ({ role: (i % 2 === 0 ? 'user' : 'assistant') as 'user' | 'assistant', content: `turn ${i}` }));
    assert.equal(classifyPrompt({ messages: [...deep, ...base.messages] }).difficulty, 'hard');
  });
});
