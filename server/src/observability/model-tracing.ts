/**
 * A CLIENT span per model call, with the GenAI conventions' names: `chat <model>`, the
 * provider, request model, finish reason and token usage, plus the time to first token.
 * Retries of one reply are separate calls, so separate spans.
 */
import { SpanKind, type Span } from '@opentelemetry/api';
import type { LlmEvent, LlmProvider, LlmRequest } from '../domain/runtime/llm-provider';
import { failSpan, tracer, tracingEnabled } from './tracing';

/** Milliseconds from the request to the first text delta. */
export const ATTR_TTFT_MS = 'switchboard.llm.time_to_first_token_ms';

/** The provider itself when tracing is off; else the same provider with a span per `stream`. */
export function traceProvider(provider: LlmProvider, providerName: string): LlmProvider {
  if (!tracingEnabled()) return provider;
  return { stream: (request) => tracedStream(provider, providerName, request) };
}

async function* tracedStream(provider: LlmProvider, providerName: string, request: LlmRequest): AsyncGenerator<LlmEvent> {
  const span = tracer().startSpan(`chat ${request.model}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': providerName, 'gen_ai.request.model': request.model, 'switchboard.llm.tools': request.tools?.length ?? 0 },
  });
  const started = performance.now();
  let first = true;
  try {
    for await (const event of provider.stream(request)) {
      if (first && event.type === 'delta') {
        first = false;
        span.setAttribute(ATTR_TTFT_MS, Math.round(performance.now() - started));
      }
      if (event.type === 'done') recordDone(span, event);
      if (event.type === 'tool_call') span.addEvent('tool_call', { 'gen_ai.tool.name': event.call.name });
      yield event;
    }
  } catch (err) {
    failSpan(span, err);
    throw err;
  } finally {
    span.end();
  }
}

function recordDone(span: Span, event: Extract<LlmEvent, { type: 'done' }>): void {
  if (event.finishReason) span.setAttribute('gen_ai.response.finish_reasons', [event.finishReason]);
  if (event.usage) {
    span.setAttribute('gen_ai.usage.input_tokens', event.usage.promptTokens);
    span.setAttribute('gen_ai.usage.output_tokens', event.usage.completionTokens);
  }
}
