import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

interface OtlpValue { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean; arrayValue?: { values: OtlpValue[] } }
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: OtlpValue }[];
  status?: { code?: number };
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: { key: string; value: OtlpValue }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

const attr = (span: OtlpSpan, key: string): unknown => {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  if (!value) return undefined;
  if (value.arrayValue) return value.arrayValue.values.map((item) => item.stringValue);
  return value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.doubleValue ?? value.boolValue;
};

/** A stand-in OpenTelemetry collector: OTLP/HTTP JSON on /v1/traces, every export kept. */
async function startCollector(): Promise<{ url: string; exports: OtlpExport[]; headers: Record<string, string | string[] | undefined>[]; server: Server }> {
  const exports: OtlpExport[] = [];
  const headers: Record<string, string | string[] | undefined>[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        exports.push(JSON.parse(body) as OtlpExport);
        headers.push(req.headers);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exports, headers, server };
}

describe('OpenTelemetry traces over OTLP/HTTP (GenAI semantic conventions)', () => {
  let stack: TestStack;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  const spans = () => collector.exports.flatMap((batch) => batch.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)));

  before(async () => {
    collector = await startCollector();
    stack = await startTestStack({
      config: { telemetry: { otlp_endpoint: collector.url, otlp_headers: { authorization: 'Bearer collector-token-123' }, export_interval_ms: 50, service_name: 'switchyard-test' } },
    });
    // The first endpoint fails: the request is served by the second, after a failover.
    stack.sim.setKeyFault('sk-sim-a', () => ({ status: 500 }));
  });
  after(async () => {
    await stack?.close();
    collector?.server.close();
  });

  it('one SERVER span per request with gen_ai attributes, one CLIENT child per upstream attempt', async () => {
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
    const { data: completion, response } = await client.chat.completions
      .create({ model: 'sim/echo', max_tokens: 50, temperature: 0.2, messages: [{ role: 'user', content: 'trace me' }] })
      .withResponse();
    const generationId = response.headers.get('x-generation-id');
    assert.ok(generationId);

    const deadline = Date.now() + 5000;
    let root: OtlpSpan | undefined;
    while (!root && Date.now() < deadline) {
      root = spans().find((span) => attr(span, 'switchyard.generation_id') === generationId);
      if (!root) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(root, 'the request span reached the collector');
    assert.equal(root.name, 'chat sim/echo');
    assert.equal(root.kind, 2, 'SERVER');
    assert.equal(attr(root, 'gen_ai.operation.name'), 'chat');
    assert.equal(attr(root, 'gen_ai.request.model'), 'sim/echo');
    assert.equal(attr(root, 'gen_ai.response.model'), 'sim/echo');
    assert.equal(attr(root, 'gen_ai.provider.name'), 'sim-b');
    assert.equal(attr(root, 'gen_ai.request.max_tokens'), 50);
    assert.equal(attr(root, 'gen_ai.request.temperature'), 0.2);
    assert.equal(attr(root, 'gen_ai.usage.input_tokens'), completion.usage?.prompt_tokens);
    assert.equal(attr(root, 'gen_ai.usage.output_tokens'), completion.usage?.completion_tokens);
    assert.deepEqual(attr(root, 'gen_ai.response.finish_reasons'), ['stop']);
    assert.equal(attr(root, 'http.response.status_code'), 200);
    assert.equal(attr(root, 'switchyard.attempts'), 2);

    const children = spans().filter((span) => span.parentSpanId === root!.spanId);
    assert.equal(children.length, 2, 'a child span per attempt');
    const [first, second] = children.sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
    assert.equal(first!.kind, 3, 'CLIENT');
    assert.equal(attr(first!, 'gen_ai.provider.name'), 'sim-a');
    assert.equal(attr(first!, 'http.response.status_code'), 500);
    assert.equal(first!.status?.code, 2, 'the failed attempt is an error span');
    assert.equal(attr(second!, 'gen_ai.provider.name'), 'sim-b');
    assert.equal(attr(second!, 'gen_ai.request.model'), 'echo-1', 'the upstream model name');
    assert.ok(children.every((span) => span.traceId === root!.traceId));
    assert.ok(BigInt(root.startTimeUnixNano) <= BigInt(first!.startTimeUnixNano));
    assert.ok(BigInt(second!.endTimeUnixNano) <= BigInt(root.endTimeUnixNano));

    const resource = collector.exports[0]!.resourceSpans[0]!.resource.attributes;
    assert.equal(resource.find((entry) => entry.key === 'service.name')?.value.stringValue, 'switchyard-test');
    assert.equal(collector.headers[0]!.authorization, 'Bearer collector-token-123', 'configured collector headers are sent');
    assert.doesNotMatch(JSON.stringify(collector.exports), /trace me|sk-sim|sk-or-v1/, 'no content and no keys in spans');
  });

  it('continues the caller\'s W3C trace and sends each upstream attempt its own traceparent', async () => {
    stack.sim.reset();
    stack.sim.setKeyFault('sk-sim-a', () => ({ status: 500 }));
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const traced = fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.apiKey}`,
        'content-type': 'application/json',
        traceparent: `00-${callerTrace}-${callerSpan}-01`,
        tracestate: 'vendor=abc123,other=xyz',
      },
      body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'traced by the caller' }] }),
    });
    // At the same time, a request with no traceparent and one with a malformed one: each starts its own trace.
    const untraced = fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'no caller trace' }] }),
    });
    const malformed = fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', traceparent: `00-${'0'.repeat(32)}-${callerSpan}-01` },
      body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'bad caller trace' }] }),
    });
    const responses = await Promise.all([traced, untraced, malformed]);
    assert.deepEqual(responses.map((res) => res.status), [200, 200, 200]);
    const [tracedId, untracedId, malformedId] = responses.map((res) => res.headers.get('x-generation-id'));

    const rootOf = async (generationId: string | null | undefined) => {
      const deadline = Date.now() + 5000;
      for (;;) {
        const found = spans().find((span) => attr(span, 'switchyard.generation_id') === generationId);
        if (found || Date.now() > deadline) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const root = await rootOf(tracedId);
    assert.ok(root, 'the request span reached the collector');
    assert.equal(root.traceId, callerTrace, 'the request span joins the caller\'s trace');
    assert.equal(root.parentSpanId, callerSpan, 'the caller\'s span is its parent');
    assert.notEqual(root.spanId, callerSpan);

    const children = spans().filter((span) => span.parentSpanId === root.spanId);
    assert.equal(children.length, 2, 'two attempts (sim-a failed, sim-b served)');
    const upstream = (prompt: string) =>
      stack.sim.requests.filter((request) => JSON.stringify(request.body).includes(prompt)).map((request) => request.headers);
    const sent = upstream('traced by the caller');
    assert.equal(sent.length, 2, 'the simulator saw both attempts');
    const parents = sent.map((headers) => String(headers.traceparent));
    for (const header of parents) assert.match(header, new RegExp(`^00-${callerTrace}-[0-9a-f]{16}-01$`));
    assert.deepEqual(
      parents.map((header) => header.split('-')[2]).sort(),
      children.map((span) => span.spanId).sort(),
      'each attempt sent the id of its own CLIENT span',
    );
    assert.deepEqual(sent.map((headers) => headers.tracestate), ['vendor=abc123,other=xyz', 'vendor=abc123,other=xyz']);

    for (const [generationId, prompt] of [[untracedId, 'no caller trace'], [malformedId, 'bad caller trace']] as const) {
      const own = await rootOf(generationId);
      assert.ok(own);
      assert.notEqual(own.traceId, callerTrace, 'no other request\'s trace leaks in');
      assert.notEqual(own.traceId, '0'.repeat(32));
      assert.equal(own.parentSpanId || undefined, undefined, 'a root span');
      const headers = upstream(prompt);
      assert.ok(headers.length > 0);
      for (const header of headers) {
        assert.match(String(header.traceparent), new RegExp(`^00-${own.traceId}-[0-9a-f]{16}-01$`));
        assert.equal(header.tracestate, undefined);
      }
    }
  });

  it('respects a caller that did not sample its trace: no spans, and the upstream is told so', async () => {
    const callerTrace = '0af7651916cd43dd8448eb211c80319c';
    const res = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', traceparent: `00-${callerTrace}-b7ad6b7169203331-00` },
      body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'unsampled caller' }] }),
    });
    assert.equal(res.status, 200);
    const sent = stack.sim.requests.filter((request) => JSON.stringify(request.body).includes('unsampled caller'));
    assert.ok(sent.length > 0);
    for (const request of sent) assert.match(String(request.headers.traceparent), new RegExp(`^00-${callerTrace}-[0-9a-f]{16}-00$`));
    await new Promise((resolve) => setTimeout(resolve, 300)); // several export intervals
    assert.equal(spans().filter((span) => span.traceId === callerTrace).length, 0);
  });

  it('a refused request is an error span with its status', async () => {
    const res = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: '[[sim:status=400]]' }] }),
    });
    const generationId = res.headers.get('x-generation-id');
    assert.equal(res.status, 400);
    const deadline = Date.now() + 5000;
    let span: OtlpSpan | undefined;
    while (!span && Date.now() < deadline) {
      span = spans().find((candidate) => attr(candidate, 'switchyard.generation_id') === generationId);
      if (!span) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(span);
    assert.equal(attr(span, 'http.response.status_code'), 400);
    assert.equal(attr(span, 'error.type'), '400');
    assert.equal(span.status?.code, 2);
  });
});
