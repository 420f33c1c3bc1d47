import { createTraceState, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Attributes, type Context, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BasicTracerProvider, BatchSpanProcessor, RandomIdGenerator, SamplingDecision, TraceIdRatioBasedSampler, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import { startTraceContext } from './propagate-trace-context.js';
import type { RequestTrace, RequestTracer, TraceContext } from './request-trace.js';

export interface OtlpTracerOptions {
  /** Collector base URL; spans go to `<endpoint>/v1/traces` as OTLP/HTTP JSON. */
  endpoint: string;
  headers: Record<string, string>;
  serviceName: string;
  serviceVersion: string;
  sampleRatio: number;
  exportIntervalMs: number;
  onError: (error: unknown) => void;
}

/**
 * OpenTelemetry traces over OTLP/HTTP following the GenAI semantic conventions: a SERVER span per
 * request (`chat <model>`) with `gen_ai.*` request/response/usage attributes, and a CLIENT child span
 * per upstream attempt, so a failover shows as sibling attempts under one request. Spans are built
 * when the request has finished, from the timings the pipeline recorded, and exported in batches
 * off the response path.
 */
export function openOtlpTracer(options: OtlpTracerOptions): RequestTracer {
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces`, headers: options.headers });
  const ids = new PresetIdGenerator();
  const ratio = new TraceIdRatioBasedSampler(options.sampleRatio);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName, 'service.version': options.serviceVersion }),
    // Sampling is decided when the request starts (the upstream `traceparent` carries the decision);
    // unsampled requests never reach the SDK.
    sampler: new AlwaysOnSampler(),
    idGenerator: ids,
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: options.exportIntervalMs, maxQueueSize: 8192, maxExportBatchSize: 512 })],
  });
  const tracer = provider.getTracer('switchyard', options.serviceVersion);
  const sampleNewTrace = (traceId: string) => ratio.shouldSample(ROOT_CONTEXT, traceId).decision === SamplingDecision.RECORD_AND_SAMPLED;
  return {
    start: (headers) => startTraceContext(headers, sampleNewTrace),
    export(request) {
      if (!request.context.sampled) return;
      try {
        exportSpans(tracer, ids, request);
      } catch (error) {
        options.onError(error);
      } finally {
        ids.clear();
      }
    },
    shutdown: () => provider.shutdown(),
  };
}

/**
 * Random ids, except for the span being started right now, whose ids were fixed when its request
 * began (and sent upstream). Set immediately before a synchronous `startSpan` and cleared after it,
 * so a preset can never reach another request's span.
 */
class PresetIdGenerator implements IdGenerator {
  readonly #random = new RandomIdGenerator();
  traceId: string | undefined;
  spanId: string | undefined;

  generateTraceId(): string {
    const id = this.traceId ?? this.#random.generateTraceId();
    this.traceId = undefined;
    return id;
  }

  generateSpanId(): string {
    const id = this.spanId ?? this.#random.generateSpanId();
    this.spanId = undefined;
    return id;
  }

  clear(): void {
    this.traceId = undefined;
    this.spanId = undefined;
  }
}

/** The request span's parent: the caller's span when it sent a `traceparent`, otherwise none (a new trace with the preset id). */
function parentContext(ids: PresetIdGenerator, context: TraceContext): Context {
  if (!context.parentSpanId) {
    ids.traceId = context.traceId;
    return ROOT_CONTEXT;
  }
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: context.traceId,
    spanId: context.parentSpanId,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    ...(context.traceState ? { traceState: createTraceState(context.traceState) } : {}),
  });
}

function exportSpans(tracer: Tracer, ids: PresetIdGenerator, request: RequestTrace): void {
  const model = request.responseModel ?? request.requestedModel;
  const attributes: Attributes = {
    'gen_ai.operation.name': request.operation,
    'gen_ai.request.model': request.requestedModel,
    'http.route': request.route,
    'http.response.status_code': request.status,
    'switchyard.generation_id': request.generationId,
    'switchyard.streamed': request.streamed,
    'switchyard.cache_hit': request.cacheHit,
    'switchyard.cost_usd': request.costUsd,
    'switchyard.attempts': request.attempts.length,
  };
  if (request.providerId) {
    attributes['gen_ai.provider.name'] = request.providerId;
    attributes['gen_ai.system'] = request.providerId;
  }
  if (request.responseModel) attributes['gen_ai.response.model'] = request.responseModel;
  if (request.upstreamId) attributes['gen_ai.response.id'] = request.upstreamId;
  if (request.finishReason) attributes['gen_ai.response.finish_reasons'] = [request.finishReason];
  if (request.request.maxTokens !== undefined) attributes['gen_ai.request.max_tokens'] = request.request.maxTokens;
  if (request.request.temperature !== undefined) attributes['gen_ai.request.temperature'] = request.request.temperature;
  if (request.request.topP !== undefined) attributes['gen_ai.request.top_p'] = request.request.topP;
  if (request.responseModel || request.cacheHit) {
    attributes['gen_ai.usage.input_tokens'] = request.inputTokens;
    attributes['gen_ai.usage.output_tokens'] = request.outputTokens;
    attributes['gen_ai.usage.cache_read.input_tokens'] = request.cachedInputTokens;
    attributes['gen_ai.usage.reasoning.output_tokens'] = request.reasoningTokens;
  }
  if (request.cancelled) attributes['switchyard.cancelled'] = true;
  const parent = parentContext(ids, request.context);
  ids.spanId = request.context.spanId;
  const span = tracer.startSpan(`${request.operation} ${model}`, { kind: SpanKind.SERVER, startTime: request.startedAt, attributes }, parent);
  ids.clear();
  if (request.status >= 400) {
    span.setAttribute('error.type', String(request.status));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  if (span.isRecording()) {
    const withSpan = trace.setSpan(ROOT_CONTEXT, span);
    for (const [index, attempt] of request.attempts.entries()) {
      ids.spanId = request.context.attemptSpanIds[index];
      const child = tracer.startSpan(
        `${request.operation} ${attempt.upstreamModel}`,
        {
          kind: SpanKind.CLIENT,
          startTime: attempt.startedAt,
          attributes: {
            'gen_ai.operation.name': request.operation,
            'gen_ai.provider.name': attempt.providerId,
            'gen_ai.system': attempt.providerId,
            'gen_ai.request.model': attempt.upstreamModel,
            'switchyard.provider_name': attempt.providerName,
            'http.response.status_code': attempt.status,
          },
        },
        withSpan,
      );
      ids.clear();
      if (attempt.status >= 400 || attempt.status === 0) {
        child.setAttribute('error.type', attempt.status === 0 ? 'connection_error' : String(attempt.status));
        child.setStatus({ code: SpanStatusCode.ERROR });
      }
      child.end(attempt.startedAt + attempt.latencyMs);
    }
  }
  span.end(request.finishedAt);
}
