import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import OpenAI from 'openai';
import { startGeminiSimulator, type GeminiSimulator } from '../../sim/gemini/start-gemini-simulator.js';
import { expectedGeminiCost, startGeminiStack, type GeminiStack } from '../support/start-gemini-stack.js';

type Usage = OpenAI.CompletionUsage & { cost: number };
type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MODEL = 'google/gemini-2.5-flash';
/** Prices of the built-in `google/gemini-2.5-flash` endpoint on `google-vertex`. */
const VERTEX_FLASH_PRICES = { prompt: '0.0000003', completion: '0.0000025', input_cache_read: '0.000000075' };
const VERTEX_PATH = '/v1/projects/sy-test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash';

describe('openai SDK → Switchyard → Vertex AI (simulator verifying service-account JWTs)', () => {
  let gemini: GeminiSimulator;
  let stack: GeminiStack;
  let client: OpenAI;
  // The simulator is not reset between tests: that would also revoke the gateway's cached token.
  let mark = 0;
  const recent = () => stack.gemini.requests.slice(mark);
  const modelRequests = () => recent().filter((request) => request.path !== '/token');
  const tokenRequests = () => recent().filter((request) => request.path === '/token');
  before(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    gemini = await startGeminiSimulator({ serviceAccountPublicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string });
    const serviceAccount = {
      type: 'service_account',
      project_id: 'sy-test-project',
      private_key_id: 'key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: 'switchyard@sy-test-project.iam.gserviceaccount.com',
      token_uri: gemini.tokenUrl,
    };
    stack = await startGeminiStack({
      gemini,
      providers: [{ id: 'google-vertex', base_url: gemini.url, vertex: { region: 'us-central1', credentials: JSON.stringify(serviceAccount) } }],
    });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  beforeEach(() => {
    mark = gemini.requests.length;
  });
  after(() => stack.close());

  it('signs its own JWT access token with the service account key (no token endpoint) and reuses it', async () => {
    const replies = await Promise.all(
      ['one', 'two', 'three'].map((word) =>
        client.chat.completions.create({ model: MODEL, provider: { only: ['google-vertex'] }, messages: [{ role: 'user', content: `vertex ${word}` }] } as OpenAI.ChatCompletionCreateParamsNonStreaming),
      ),
    );
    assert.deepEqual(replies.map((reply) => reply.choices[0]?.message.content), ['Echo: vertex one', 'Echo: vertex two', 'Echo: vertex three']);
    const reply = replies[0]!;
    assert.equal((reply as unknown as { provider: string }).provider, 'Google Vertex');
    const usage = reply.usage as Usage;
    assert.equal(usage.cost, expectedGeminiCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens }, VERTEX_FLASH_PRICES));
    assert.equal(tokenRequests().length, 0, 'a service account needs no token exchange');
    const bearers = new Set(modelRequests().map((request) => request.headers.authorization));
    assert.equal(bearers.size, 1, 'one token for the concurrent first requests');
    for (const request of modelRequests()) {
      assert.equal(request.path, `${VERTEX_PATH}:generateContent`);
      assert.equal(request.headers['x-goog-api-key'], undefined);
    }
    // The simulator accepted it only after verifying the RS256 signature with the account's public key.
    const jwt = String([...bearers][0]).replace(/^Bearer /, '');
    const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.equal(header.kid, 'key-1');
    assert.equal(claims.iss, 'switchyard@sy-test-project.iam.gserviceaccount.com');
    assert.equal(claims.sub, claims.iss);
    assert.match(String(claims.scope), /https:\/\/www\.googleapis\.com\/auth\/cloud-platform/);

    await client.chat.completions.create({ model: MODEL, provider: { only: ['google-vertex'] }, messages: [{ role: 'user', content: 'again' }] } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    assert.equal(modelRequests().at(-1)?.headers.authorization, [...bearers][0], 'the cached token is reused later too');
  });

  it('streams from streamGenerateContent?alt=sse with usage and cost', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      stream: true,
      provider: { only: ['google-vertex'] },
      messages: [{ role: 'user', content: 'stream from vertex [[sim:reasoning=12]]' }],
      reasoning: { max_tokens: 256 },
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    let text = '';
    let reasoning = '';
    let usage: Usage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      reasoning += (chunk.choices[0]?.delta as { reasoning?: string } | undefined)?.reasoning ?? '';
      if (chunk.usage) usage = chunk.usage as Usage;
    }
    assert.equal(text, 'Echo: stream from vertex');
    assert.match(reasoning, /think about this request/);
    assert.equal(usage?.completion_tokens_details?.reasoning_tokens, 12);
    assert.equal(usage?.cost, expectedGeminiCost({ prompt: usage!.prompt_tokens, completion: usage!.completion_tokens }, VERTEX_FLASH_PRICES));
    const request = modelRequests().at(-1);
    assert.equal(request?.path, `${VERTEX_PATH}:streamGenerateContent`);
    assert.equal(request?.query, 'alt=sse');
  });

  it('keeps tool calls and their signatures across turns (no function-call ids, which Vertex rejects)', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'look it up' }];
    const first = await client.chat.completions.create({ model: MODEL, provider: { only: ['google-vertex'] }, tools, messages } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const message = first.choices[0]?.message as OpenAI.ChatCompletionMessage & { reasoning_details?: Array<{ data?: string }> };
    const call = message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    assert.equal(call.function.name, 'lookup');
    const second = await client.chat.completions.create({
      model: MODEL,
      provider: { only: ['google-vertex'] },
      tools,
      messages: [...messages, { role: 'assistant', content: null, tool_calls: [call], reasoning_details: message.reasoning_details } as OpenAI.ChatCompletionMessageParam, { role: 'tool', tool_call_id: call.id, content: 'found' }],
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    assert.equal(second.choices[0]?.message.content, 'Echo: look it up');
    const replayed = (modelRequests().at(-1)?.body as Body).contents[1].parts[0];
    assert.equal(replayed.thoughtSignature, message.reasoning_details?.[0]?.data);
    assert.equal(replayed.functionCall.id, undefined);
  });

  it('fails over from Google AI Studio on RESOURCE_EXHAUSTED to Vertex', async () => {
    gemini.enqueueFault({ status: 429, retry_after: 30 });
    const data = await client.chat.completions.create({
      model: MODEL,
      provider: { order: ['google', 'google-vertex'] },
      messages: [{ role: 'user', content: 'studio is busy' }],
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    assert.equal(data.choices[0]?.message.content, 'Echo: studio is busy');
    assert.equal((data as unknown as { provider: string }).provider, 'Google Vertex');
    assert.deepEqual(modelRequests().map((request) => request.path), ['/v1beta/models/gemini-2.5-flash:generateContent', `${VERTEX_PATH}:generateContent`]);
    const generation = await fetch(`${stack.baseURL}/generation?id=${data.id}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    assert.equal(generation.status, 200);
  });

  it('a token the API refuses is a 502 (not the client\'s fault) and the next request still works', async () => {
    gemini.enqueueFault({ status: 401 });
    const refused = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, provider: { only: ['google-vertex'] }, messages: [{ role: 'user', content: 'refused' }] }),
    });
    assert.equal(refused.status, 502, 'the gateway key was refused: not the client\'s fault');
    const data = await client.chat.completions.create({ model: MODEL, provider: { only: ['google-vertex'] }, messages: [{ role: 'user', content: 'fresh token' }] } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    assert.equal(data.choices[0]?.message.content, 'Echo: fresh token');
  });

  it('routes a non-Gemini model on Vertex elsewhere instead of sending it the Gemini body', async () => {
    const response = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'anthropic/claude-sonnet-4.5', provider: { only: ['google-vertex'] }, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 502);
    const body = (await response.json()) as { error: { message: string } };
    assert.match(body.error.message, /not a Gemini model/);
    assert.equal(modelRequests().length, 0);
  });
});
