import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APICallError, generateText, jsonSchema, streamText, tool } from 'ai';
import { createOpenRouter, type OpenRouterProvider } from '@openrouter/ai-sdk-provider';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';

function echoCost(promptTokens: number, completionTokens: number): number {
  return promptTokens * Number(ECHO_PRICES.prompt) + completionTokens * Number(ECHO_PRICES.completion);
}

describe('ai + @openrouter/ai-sdk-provider against the gateway', () => {
  let stack: TestStack;
  let openrouter: OpenRouterProvider;

  before(async () => {
    stack = await startTestStack();
    openrouter = createOpenRouter({ apiKey: stack.apiKey, baseURL: stack.baseURL });
  });
  after(() => stack.close());

  it('generateText returns the text, token usage and the OpenRouter cost', async () => {
    const result = await generateText({ model: openrouter('sim/echo'), prompt: 'generate some text', maxRetries: 0 });
    assert.equal(result.text, 'Echo: generate some text');
    assert.equal(result.finishReason, 'stop');
    const { inputTokens, outputTokens, totalTokens } = result.usage;
    assert.ok(typeof inputTokens === 'number' && inputTokens > 0, `inputTokens ${inputTokens}`);
    assert.ok(typeof outputTokens === 'number' && outputTokens > 0, `outputTokens ${outputTokens}`);
    assert.equal(totalTokens, inputTokens + outputTokens);
    const metadata = result.providerMetadata?.openrouter as { provider?: string; usage?: { cost?: number } } | undefined;
    assert.equal(metadata?.provider, 'Sim A');
    assert.equal(typeof metadata?.usage?.cost, 'number');
    assert.ok(Math.abs((metadata!.usage!.cost as number) - echoCost(inputTokens, outputTokens)) < 1e-12, `cost ${metadata?.usage?.cost}`);
  });

  it('streamText assembles the deltas and reports finish reason and usage', async () => {
    const errors: unknown[] = [];
    const result = streamText({
      model: openrouter('sim/echo'),
      prompt: 'stream some text',
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    let text = '';
    let deltas = 0;
    for await (const delta of result.textStream) {
      text += delta;
      deltas += 1;
    }
    assert.deepEqual(errors, []);
    assert.equal(text, 'Echo: stream some text');
    assert.ok(deltas >= 2, `text arrived in ${deltas} deltas`);
    assert.equal(await result.finishReason, 'stop');
    const usage = await result.usage;
    assert.ok(typeof usage.inputTokens === 'number' && usage.inputTokens > 0, `inputTokens ${usage.inputTokens}`);
    assert.ok(typeof usage.outputTokens === 'number' && usage.outputTokens > 0, `outputTokens ${usage.outputTokens}`);
    const metadata = (await result.providerMetadata)?.openrouter as { usage?: { cost?: number } } | undefined;
    assert.ok(Math.abs((metadata?.usage?.cost ?? NaN) - echoCost(usage.inputTokens, usage.outputTokens)) < 1e-12, `cost ${metadata?.usage?.cost}`);
  });

  it('calls a tool: the simulator calls the first tool with schema-shaped arguments', async () => {
    const result = await generateText({
      model: openrouter('sim/echo'),
      prompt: 'what is the weather in Paris?',
      maxRetries: 0,
      tools: {
        get_weather: tool({
          description: 'Weather for a city',
          inputSchema: jsonSchema<{ city: string; days: number; metric: boolean }>({
            type: 'object',
            properties: { city: { type: 'string' }, days: { type: 'integer' }, metric: { type: 'boolean' } },
            required: ['city', 'days', 'metric'],
            additionalProperties: false,
          }),
        }),
        get_time: tool({
          description: 'Time in a city',
          inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
        }),
      },
    });
    assert.equal(result.finishReason, 'tool-calls');
    assert.equal(result.toolCalls.length, 1);
    const call = result.toolCalls[0]!;
    assert.equal(call.toolName, 'get_weather');
    assert.deepEqual(call.input, { city: 'value', days: 1, metric: true });
    assert.match(call.toolCallId, /^call_sim/);
    // The gateway forwarded the tool definitions upstream.
    const upstream = stack.sim.requests.at(-1)?.body as { tools?: Array<{ function: { name: string } }> };
    assert.deepEqual(upstream.tools?.map((t) => t.function.name), ['get_weather', 'get_time']);
  });

  it('streams a tool call and reassembles its arguments', async () => {
    const result = streamText({
      model: openrouter('sim/echo'),
      prompt: 'weather in Rome, streamed',
      maxRetries: 0,
      tools: {
        get_weather: tool({
          inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
        }),
      },
    });
    const toolCalls = await result.toolCalls;
    assert.equal(await result.finishReason, 'tool-calls');
    assert.equal(toolCalls.length, 1);
    assert.equal(toolCalls[0]?.toolName, 'get_weather');
    assert.deepEqual(toolCalls[0]?.input, { city: 'value' });
  });

  it('surfaces an upstream failure on every endpoint as an APICallError', async () => {
    await assert.rejects(
      generateText({ model: openrouter('sim/echo'), prompt: 'fail please [[sim:status=500]]', maxRetries: 0 }),
      (error: unknown) => {
        assert.ok(APICallError.isInstance(error), `got ${(error as Error)?.name}: ${(error as Error)?.message}`);
        // Both endpoints answered 500: OpenRouter reports "Provider returned error" as 502.
        assert.equal(error.statusCode, 502);
        assert.ok(error.message.length > 0);
        return true;
      },
    );
  });

  it('surfaces a mid-stream upstream error as an error part in streamText', async () => {
    const errors: unknown[] = [];
    const result = streamText({
      model: openrouter('sim/echo'),
      prompt: 'one two three four five six [[sim:error_after=2]]',
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    assert.equal(errors.length, 1, 'one error reported');
    assert.equal(await result.finishReason, 'error');
    assert.ok(text.startsWith('Echo:'), `partial text before the error: ${JSON.stringify(text)}`);
  });
});
