import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, OpenAIProvider, Runner, setTracingDisabled, tool as agentTool } from '@openai/agents';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

type SimMessage = { role: string; content?: unknown; tool_calls?: Array<{ id: string; function: { name: string } }>; tool_call_id?: string };

/** Real Responses API clients against the gateway (over the OpenAI simulator), each with a tool round trip. */
describe('Responses API clients: @openai/agents and the ai SDK', () => {
  let stack: TestStack;
  before(async () => {
    // Tracing would export spans to OpenAI's servers: off, so the test stays on loopback.
    setTracingDisabled(true);
    stack = await startTestStack();
  });
  after(() => stack.close());

  /** The upstream requests of the last `count` calls (the gateway's translations of the client's requests). */
  const lastUpstream = (count: number) => stack.sim.requests.slice(-count).map((request) => request.body as { messages: SimMessage[]; tools?: unknown[] });

  it('@openai/agents in its default (Responses) mode runs a tool and finishes the agent loop', async () => {
    const calls: string[] = [];
    const getWeather = agentTool({
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        calls.push(city);
        return `sunny in ${city}`;
      },
    });
    const agent = new Agent({ name: 'Weather agent', instructions: 'Answer with the weather.', model: 'sim/echo', tools: [getWeather] });
    const runner = new Runner({ modelProvider: new OpenAIProvider({ apiKey: stack.apiKey, baseURL: stack.baseURL, useResponses: true }), tracingDisabled: true });
    const before = stack.sim.requests.length;
    const result = await runner.run(agent, 'What is the weather in Paris?', { maxTurns: 4 });
    assert.deepEqual(calls, ['value'], 'the tool ran once with the arguments the model produced');
    assert.equal(result.finalOutput, 'Echo: What is the weather in Paris?');
    assert.equal(stack.sim.requests.length - before, 2, 'two model calls: the tool call, then the answer');
    const [first, second] = lastUpstream(2);
    assert.equal(first?.messages[0]?.role, 'system');
    const roles = second?.messages.map((message) => message.role);
    assert.deepEqual(roles, ['system', 'user', 'assistant', 'tool'], 'the stateless second call carries the whole conversation');
    assert.equal(second?.messages[3]?.content, 'sunny in value');
  });

  it("the ai SDK's openai(modelId) (Responses API) generates and streams with a tool", async () => {
    const openai = createOpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL });
    const tools = {
      get_weather: tool({
        description: 'Weather for a city',
        inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false }),
        execute: async ({ city }) => `rain in ${city}`,
      }),
    };
    const generated = await generateText({ model: openai('sim/echo'), prompt: 'Weather in Oslo?', tools, stopWhen: stepCountIs(3), maxRetries: 0 });
    assert.equal(generated.steps.length, 2);
    assert.equal(generated.steps[0]?.toolCalls[0]?.toolName, 'get_weather');
    assert.deepEqual(generated.steps[0]?.toolCalls[0]?.input, { city: 'value' });
    assert.equal(generated.text, 'Echo: Weather in Oslo?');
    assert.equal(generated.finishReason, 'stop');
    assert.ok((generated.totalUsage.inputTokens ?? 0) > 0 && (generated.totalUsage.outputTokens ?? 0) > 0);
    assert.equal((generated.response.body as { object?: string } | undefined)?.object ?? 'response', 'response');
    assert.equal(lastUpstream(1)[0]?.messages.at(-1)?.content, 'rain in value');

    const errors: unknown[] = [];
    const streamed = streamText({ model: openai('sim/echo'), prompt: 'Weather in Rome?', tools, stopWhen: stepCountIs(3), maxRetries: 0, onError: ({ error }) => void errors.push(error) });
    let text = '';
    for await (const delta of streamed.textStream) text += delta;
    assert.deepEqual(errors, []);
    assert.equal(text, 'Echo: Weather in Rome?');
    const steps = await streamed.steps;
    assert.equal(steps.length, 2);
    assert.deepEqual(steps[0]?.toolCalls[0]?.input, { city: 'value' });
    assert.equal(await streamed.finishReason, 'stop');
    assert.ok(((await streamed.totalUsage).outputTokens ?? 0) > 0);
  });
});
