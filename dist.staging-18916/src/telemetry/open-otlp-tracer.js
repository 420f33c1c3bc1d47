import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, TraceIdRatioBasedSampler } from "@opentelemetry/sdk-trace-base";
function openOtlpTracer(options) {
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, "")}/v1/traces`, headers: options.headers });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": options.serviceName, "service.version": options.serviceVersion }),
    sampler: new TraceIdRatioBasedSampler(options.sampleRatio),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: options.exportIntervalMs, maxQueueSize: 8192, maxExportBatchSize: 512 })]
  });
  const tracer = provider.getTracer("switchyard", options.serviceVersion);
  return {
    export(request) {
      try {
        exportSpans(tracer, request);
      } catch (error) {
        options.onError(error);
      }
    },
    shutdown: () => provider.shutdown()
  };
}
function exportSpans(tracer, request) {
  const model = request.responseModel ?? request.requestedModel;
  const attributes = {
    "gen_ai.operation.name": request.operation,
    "gen_ai.request.model": request.requestedModel,
    "http.route": request.route,
    "http.response.status_code": request.status,
    "switchyard.generation_id": request.generationId,
    "switchyard.streamed": request.streamed,
    "switchyard.cache_hit": request.cacheHit,
    "switchyard.cost_usd": request.costUsd,
    "switchyard.attempts": request.attempts.length
  };
  if (request.providerId) {
    attributes["gen_ai.provider.name"] = request.providerId;
    attributes["gen_ai.system"] = request.providerId;
  }
  if (request.responseModel) attributes["gen_ai.response.model"] = request.responseModel;
  if (request.upstreamId) attributes["gen_ai.response.id"] = request.upstreamId;
  if (request.finishReason) attributes["gen_ai.response.finish_reasons"] = [request.finishReason];
  if (request.request.maxTokens !== void 0) attributes["gen_ai.request.max_tokens"] = request.request.maxTokens;
  if (request.request.temperature !== void 0) attributes["gen_ai.request.temperature"] = request.request.temperature;
  if (request.request.topP !== void 0) attributes["gen_ai.request.top_p"] = request.request.topP;
  if (request.responseModel || request.cacheHit) {
    attributes["gen_ai.usage.input_tokens"] = request.inputTokens;
    attributes["gen_ai.usage.output_tokens"] = request.outputTokens;
    attributes["gen_ai.usage.cache_read.input_tokens"] = request.cachedInputTokens;
    attributes["gen_ai.usage.reasoning.output_tokens"] = request.reasoningTokens;
  }
  if (request.cancelled) attributes["switchyard.cancelled"] = true;
  const span = tracer.startSpan(`${request.operation} ${model}`, { kind: SpanKind.SERVER, startTime: request.startedAt, attributes });
  if (request.status >= 400) {
    span.setAttribute("error.type", String(request.status));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  if (span.isRecording()) {
    const parent = trace.setSpan(context.active(), span);
    for (const attempt of request.attempts) {
      const child = tracer.startSpan(
        `${request.operation} ${attempt.upstreamModel}`,
        {
          kind: SpanKind.CLIENT,
          startTime: attempt.startedAt,
          attributes: {
            "gen_ai.operation.name": request.operation,
            "gen_ai.provider.name": attempt.providerId,
            "gen_ai.system": attempt.providerId,
            "gen_ai.request.model": attempt.upstreamModel,
            "switchyard.provider_name": attempt.providerName,
            "http.response.status_code": attempt.status
          }
        },
        parent
      );
      if (attempt.status >= 400 || attempt.status === 0) {
        child.setAttribute("error.type", attempt.status === 0 ? "connection_error" : String(attempt.status));
        child.setStatus({ code: SpanStatusCode.ERROR });
      }
      child.end(attempt.startedAt + attempt.latencyMs);
    }
  }
  span.end(request.finishedAt);
}
export {
  openOtlpTracer
};
//# sourceMappingURL=open-otlp-tracer.js.map
