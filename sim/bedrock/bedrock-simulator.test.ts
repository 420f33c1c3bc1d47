import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  ModelStreamErrorException,
  ThrottlingException,
  ValidationException,
  type ConverseStreamOutput,
  type Message,
  type ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startBedrockSimulator, type BedrockSimulator } from './start-bedrock-simulator.js';
import { signReasoning } from './build-converse-reply.js';

const CREDENTIALS = { accessKeyId: 'AKIASIMULATOR0000001', secretAccessKey: 'sim-secret-key' };
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const TOOLS: ToolConfiguration = {
  tools: [
    { toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } },
    { toolSpec: { name: 'get_time', inputSchema: { json: { type: 'object', properties: { zone: { type: 'string' }, hours: { type: 'integer' } } } } } },
  ],
};

let sim: BedrockSimulator;

/** The SDK defaults to HTTP/2 for this service; the simulator (like the gateway's client) speaks HTTP/1.1. */
function sdkClient(credentials: typeof CREDENTIALS): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ region: 'us-east-1', endpoint: sim.url, credentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
}
let client: BedrockRuntimeClient;

const user = (text: string): Message[] => [{ role: 'user', content: [{ text }] }];

async function collect(stream: AsyncIterable<ConverseStreamOutput> | undefined): Promise<ConverseStreamOutput[]> {
  const events: ConverseStreamOutput[] = [];
  for await (const event of stream ?? []) events.push(event);
  return events;
}

describe('Bedrock simulator, checked with @aws-sdk/client-bedrock-runtime', () => {
  before(async () => {
    sim = await startBedrockSimulator({ credentials: CREDENTIALS, region: 'us-east-1' });
    client = sdkClient(CREDENTIALS);
  });
  after(async () => {
    client.destroy();
    await sim.close();
  });

  it('Converse: the SDK signs, the simulator verifies the double-encoded path, the SDK parses text and usage', async () => {
    const out = await client.send(new ConverseCommand({ modelId: MODEL, messages: user('Hello there'), system: [{ text: 'Be brief.' }] }));
    assert.equal(out.output?.message?.content?.[0]?.text, 'Echo: Hello there');
    assert.equal(out.stopReason, 'end_turn');
    assert.ok((out.usage?.inputTokens ?? 0) > 0);
    assert.equal(out.usage?.outputTokens, 4);
    const request = sim.requests.at(-1);
    assert.equal(request?.auth, 'sigv4');
    assert.equal(request?.modelId, MODEL);
    assert.match(request?.rawPath ?? '', /v1%3A0\/converse$/);
  });

  it('refuses a wrong secret with InvalidSignatureException (403)', async () => {
    const wrong = sdkClient({ ...CREDENTIALS, secretAccessKey: 'nope' });
    await assert.rejects(wrong.send(new ConverseCommand({ modelId: MODEL, messages: user('hi') })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, 'InvalidSignatureException');
      assert.equal(error.$metadata?.httpStatusCode, 403);
      return true;
    });
    wrong.destroy();
  });

  it('accepts an ARN model id (":" and "/" encoded in one segment)', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0';
    const out = await client.send(new ConverseCommand({ modelId: arn, messages: user('arn test') }));
    assert.equal(out.output?.message?.content?.[0]?.text, 'Echo: arn test');
    assert.equal(sim.requests.at(-1)?.modelId, arn);
  });

  it('ConverseStream: the SDK decodes every frame (reasoning with signature, text, metadata)', async () => {
    const out = await client.send(
      new ConverseStreamCommand({
        modelId: MODEL,
        messages: user('Stream me'),
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      }),
    );
    const events = await collect(out.stream);
    assert.deepEqual(events[0], { messageStart: { role: 'assistant' } });
    const reasoning = events.map((e) => e.contentBlockDelta?.delta?.reasoningContent?.text ?? '').join('');
    const signature = events.find((e) => e.contentBlockDelta?.delta?.reasoningContent?.signature)?.contentBlockDelta?.delta?.reasoningContent?.signature;
    assert.ok(reasoning.startsWith('Let me think'));
    assert.equal(signature, signReasoning(reasoning));
    assert.equal(events.map((e) => e.contentBlockDelta?.delta?.text ?? '').join(''), 'Echo: Stream me');
    assert.equal(events.at(-2)?.messageStop?.stopReason, 'end_turn');
    assert.ok((events.at(-1)?.metadata?.usage?.outputTokens ?? 0) > 4);
  });

  it('ConverseStream: parallel tool uses stream their input as ordered fragments', async () => {
    const out = await client.send(new ConverseStreamCommand({ modelId: MODEL, messages: user('weather [[sim:tools=parallel]]'), toolConfig: TOOLS }));
    const events = await collect(out.stream);
    const starts = events.filter((e) => e.contentBlockStart).map((e) => e.contentBlockStart?.start?.toolUse?.name);
    assert.deepEqual(starts, ['get_weather', 'get_time']);
    const inputOf = (index: number) =>
      events.filter((e) => e.contentBlockDelta?.contentBlockIndex === index).map((e) => e.contentBlockDelta?.delta?.toolUse?.input ?? '');
    assert.ok(inputOf(1).length > 2, 'several fragments for the second tool');
    assert.deepEqual(JSON.parse(inputOf(0).join('')), { city: 'value' });
    assert.deepEqual(JSON.parse(inputOf(1).join('')), { zone: 'value', hours: 1 });
    assert.equal(events.find((e) => e.messageStop)?.messageStop?.stopReason, 'tool_use');
  });

  it('Converse: tool use, then the toolConfig rule and a tool result answered in text', async () => {
    const first = await client.send(new ConverseCommand({ modelId: MODEL, messages: user('weather?'), toolConfig: { ...TOOLS, toolChoice: { any: {} } } }));
    const toolUse = first.output?.message?.content?.[0]?.toolUse;
    assert.equal(toolUse?.name, 'get_weather');
    assert.deepEqual(toolUse?.input, { city: 'value' });
    const history: Message[] = [
      ...user('weather?'),
      { role: 'assistant', content: [{ toolUse: toolUse! }] },
      { role: 'user', content: [{ toolResult: { toolUseId: toolUse!.toolUseId!, content: [{ text: '18C' }] } }] },
    ];
    await assert.rejects(client.send(new ConverseCommand({ modelId: MODEL, messages: history })), (error: unknown) => {
      assert.ok(error instanceof ValidationException);
      assert.match(error.message, /toolConfig field must be defined/);
      return true;
    });
    const second = await client.send(new ConverseCommand({ modelId: MODEL, messages: history, toolConfig: TOOLS }));
    assert.equal(second.stopReason, 'end_turn');
  });

  it('checks replayed reasoning signatures', async () => {
    const text = 'Let me think';
    const turn = (signature: string): Message[] => [
      ...user('q'),
      { role: 'assistant', content: [{ reasoningContent: { reasoningText: { text, signature } } }, { text: 'a' }] },
      ...user('again'),
    ];
    const ok = await client.send(new ConverseCommand({ modelId: MODEL, messages: turn(signReasoning(text)) }));
    assert.equal(ok.output?.message?.content?.[0]?.text, 'Echo: again');
    await assert.rejects(client.send(new ConverseCommand({ modelId: MODEL, messages: turn('forged') })), ValidationException);
  });

  it('reports cached tokens in Bedrock usage (inputTokens excludes them)', async () => {
    const out = await client.send(new ConverseCommand({ modelId: MODEL, messages: user('cache me [[sim:cached=7]]') }));
    assert.equal(out.usage?.cacheReadInputTokens, 7);
    assert.equal(out.usage?.totalTokens, (out.usage?.inputTokens ?? 0) + 7 + (out.usage?.outputTokens ?? 0));
  });

  it('HTTP errors are the modelled exceptions (ThrottlingException 429)', async () => {
    await assert.rejects(client.send(new ConverseCommand({ modelId: MODEL, messages: user('[[sim:status=429]]') })), (error: unknown) => {
      assert.ok(error instanceof ThrottlingException);
      assert.equal(error.$metadata.httpStatusCode, 429);
      return true;
    });
    sim.enqueueFault({ status: 503 });
    await assert.rejects(client.send(new ConverseStreamCommand({ modelId: MODEL, messages: user('x') })), { name: 'ServiceUnavailableException' });
  });

  it('an exception frame inside the stream is raised by the SDK after the good events', async () => {
    const out = await client.send(new ConverseStreamCommand({ modelId: MODEL, messages: user('one two three four [[sim:error_after=2]]') }));
    const seen: ConverseStreamOutput[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of out.stream ?? []) seen.push(event);
      })(),
      (error: unknown) => error instanceof ModelStreamErrorException,
    );
    assert.equal(seen.length, 3);
  });

  it('a bad CRC makes the SDK fail the stream', async () => {
    sim.enqueueFault({ malformed: true });
    // The SDK reads the first frame before send() resolves, so the error may surface there.
    await assert.rejects(async () => collect((await client.send(new ConverseStreamCommand({ modelId: MODEL, messages: user('crc') }))).stream), /checksum/i);
  });

  it('accepts a Bedrock API key as a bearer token', async () => {
    const bearer = await fetch(`${sim.url}/model/${encodeURIComponent(MODEL)}/converse`, {
      method: 'POST',
      headers: { authorization: 'Bearer bedrock-api-key-sim', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: user('bearer') }),
    });
    assert.equal(bearer.status, 200);
    assert.equal(sim.requests.at(-1)?.auth, 'bearer');
    const none = await fetch(`${sim.url}/model/x/converse`, { method: 'POST', body: '{}' });
    assert.equal(none.status, 403);
    assert.match(none.headers.get('x-amzn-errortype') ?? '', /^UnrecognizedClientException:/);
  });

  it('InvokeModel embeddings: Titan v2 (signed, dimensions checked) and Cohere Embed v3 (batches, by type), parsed by the SDK', async () => {
    const titan = await client.send(new InvokeModelCommand({ modelId: 'amazon.titan-embed-text-v2:0', contentType: 'application/json', body: JSON.stringify({ inputText: 'hello vectors', dimensions: 256 }) }));
    const titanBody = JSON.parse(new TextDecoder().decode(titan.body)) as { embedding: number[]; inputTextTokenCount: number };
    assert.equal(titanBody.embedding.length, 256);
    assert.ok(titanBody.inputTextTokenCount > 0);
    assert.equal(sim.requests.at(-1)?.rawPath, '/model/amazon.titan-embed-text-v2%3A0/invoke');
    await assert.rejects(
      client.send(new InvokeModelCommand({ modelId: 'amazon.titan-embed-text-v2:0', contentType: 'application/json', body: JSON.stringify({ inputText: 'x', dimensions: 300 }) })),
      ValidationException,
    );
    const cohere = await client.send(new InvokeModelCommand({ modelId: 'cohere.embed-english-v3', contentType: 'application/json', body: JSON.stringify({ texts: ['a', 'b'], input_type: 'search_document', embedding_types: ['float'] }) }));
    const cohereBody = JSON.parse(new TextDecoder().decode(cohere.body)) as { embeddings: { float: number[][] } };
    assert.deepEqual(cohereBody.embeddings.float.map((vector) => vector.length), [1024, 1024]);
    await assert.rejects(
      client.send(new InvokeModelCommand({ modelId: 'cohere.embed-english-v3', contentType: 'application/json', body: JSON.stringify({ texts: ['a'] }) })),
      ValidationException,
    );
  });
});

