/**
 * OpenTelemetry traces. Off unless configured (see `tracingRequested`): then nothing here
 * does more than read a boolean, spans come from the API's no-op tracer, and the SDK is never
 * loaded. On, the Node SDK exports with the standard OTEL_* variables (endpoint, headers,
 * exporter, sampler, service name) — see docs/observability.md.
 */
import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';

/** The instrumentation scope every Switchboard span carries. */
export const TRACER_NAME = 'switchboard';

let enabled = false;

/** Whether spans are being recorded; instrumentation that costs anything checks this first. */
export function tracingEnabled(): boolean {
  return enabled;
}

/**
 * Turns Switchboard's instrumentation on, for the tracer provider registered globally (by
 * `startTracing`, or by a test with its own provider). Before this, every helper is a no-op.
 */
export function enableTracing(on = true): void {
  enabled = on;
}

export const tracer = (): Tracer => trace.getTracer(TRACER_NAME);

/** The OTEL_* settings config.ts reads; any of them asks for traces. */
export interface TracingEnv {
  OTEL_SDK_DISABLED?: string;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_TRACES_EXPORTER?: string;
  OTEL_SERVICE_NAME?: string;
}

/** True when the environment asks for traces: an OTLP endpoint, or a traces exporter other than `none`. */
export function tracingRequested(env: TracingEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.toLowerCase() === 'true') return false;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return true;
  return !!env.OTEL_TRACES_EXPORTER && env.OTEL_TRACES_EXPORTER.split(',').some((e) => e.trim() !== 'none');
}

/** Flushes and stops the SDK. */
export type StopTracing = () => Promise<void>;

/**
 * Starts the Node SDK when the environment asks for it (it reads the OTEL_* variables itself)
 * and returns how to stop it; otherwise loads nothing and returns null.
 */
export async function startTracing(env: TracingEnv, serviceVersion?: string): Promise<StopTracing | null> {
  if (!tracingRequested(env)) return null;
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  // No auto-instrumentations: Switchboard makes its own spans (HTTP, sockets, model, tools, MongoDB).
  const sdk = new NodeSDK({ serviceName: env.OTEL_SERVICE_NAME ?? 'switchboard', ...(serviceVersion ? { serviceVersion } : {}), instrumentations: [] });
  sdk.start();
  enableTracing();
  return async () => {
    enableTracing(false);
    await sdk.shutdown();
  };
}

/** Ends a span with an error status and the exception recorded. */
export function failSpan(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}

/**
 * Runs `fn` inside a new active span (ended when `fn` settles, failed if it throws). When
 * tracing is off it just calls `fn`.
 */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span | null) => Promise<T>, options: { kind?: SpanKind; root?: boolean } = {}): Promise<T> {
  if (!enabled) return fn(null);
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes, root: options.root }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      failSpan(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

/** A synchronous span around one emission (e.g. `stream:end` to a session's sockets). */
export function traceEmit(event: string, attributes: Attributes, emit: () => void): void {
  if (!enabled) return emit();
  const span = tracer().startSpan(event, { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'socket.io', 'messaging.operation.type': 'send', ...attributes } });
  try {
    context.with(trace.setSpan(context.active(), span), emit);
  } finally {
    span.end();
  }
}

/** A client→server socket event: the root of its own trace (a socket message has no incoming trace context). */
export function traceSocketEvent<T>(event: string, data: { sessionId?: string; operatorId?: string }, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const attributes: Attributes = { 'messaging.system': 'socket.io', 'messaging.operation.type': 'process', 'messaging.destination.name': event };
  if (data.sessionId) attributes['switchboard.session_id'] = data.sessionId;
  if (data.operatorId) attributes['switchboard.operator_id'] = data.operatorId;
  return inSpan(event, attributes, () => fn(), { kind: SpanKind.CONSUMER, root: true });
}

/** An agent's tool call (HTTP or MCP), with the GenAI `execute_tool` naming. */
export function traceToolCall<T extends { ok: boolean; status?: number | null }>(tool: { name: string; kind?: string }, toolCallId: string, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const attributes: Attributes = { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': tool.name, 'gen_ai.tool.call.id': toolCallId };
  if (tool.kind) attributes['gen_ai.tool.type'] = tool.kind;
  return inSpan(`execute_tool ${tool.name}`, attributes, async (span) => {
    const outcome = await fn();
    span?.setAttribute('switchboard.tool.ok', outcome.ok);
    if (typeof outcome.status === 'number') span?.setAttribute('http.response.status_code', outcome.status);
    return outcome;
  });
}
