import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startOpenAISimulator, type OpenAISimulator } from './start-openai-simulator.js';

describe('OpenAI simulator image output (Responses image_generation tool), checked with the openai SDK', () => {
  let sim: OpenAISimulator;
  let client: OpenAI;
  before(async () => {
    sim = await startOpenAISimulator();
    client = new OpenAI({ apiKey: 'sk-sim', baseURL: sim.url, maxRetries: 0 });
  });
  after(() => sim.close());

  it('returns an image_generation_call with a base64 PNG sized per the tool, text, usage and tool_usage', async () => {
    const response = await client.responses.create({ model: 'gpt-5', input: 'Paint a harbour', tools: [{ type: 'image_generation', size: '1536x1024' }], tool_choice: { type: 'image_generation' } });
    const call = response.output.find((item) => item.type === 'image_generation_call');
    assert.equal(call?.type, 'image_generation_call');
    const png = Buffer.from((call as { result: string }).result, 'base64');
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [96, 64]);
    assert.equal(response.output_text, 'Echo: Paint a harbour');
    assert.ok((response.usage?.output_tokens ?? 0) > 0);
    assert.equal((response as unknown as { tool_usage: { image_gen: { output_tokens: number } } }).tool_usage.image_gen.output_tokens, 1584);
  });

  it('streams the event sequence the SDK parses, ending in response.completed with the whole output', async () => {
    const stream = client.responses.stream({ model: 'gpt-5', input: [{ role: 'user', content: [{ type: 'input_text', text: 'a quiet bay' }] }], tools: [{ type: 'image_generation' }] });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    const final = await stream.finalResponse();
    assert.equal(text, 'Echo: a quiet bay');
    assert.equal(types[0], 'response.created');
    assert.equal(types.at(-1), 'response.completed');
    assert.ok(types.includes('response.image_generation_call.completed'));
    assert.ok(final.output.some((item) => item.type === 'image_generation_call' && typeof item.result === 'string'));
  });

  it('refuses a request without the image_generation tool and an unknown size', async () => {
    await assert.rejects(client.responses.create({ model: 'gpt-5', input: 'hi' }), (error: unknown) => error instanceof OpenAI.BadRequestError);
    await assert.rejects(client.responses.create({ model: 'gpt-5', input: 'hi', tools: [{ type: 'image_generation', size: '999x1' }] }), (error: unknown) => error instanceof OpenAI.BadRequestError && /Invalid value/.test(error.message));
  });
});
