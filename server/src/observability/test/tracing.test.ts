/** Tracing stays off (and costs nothing) unless the OTEL_* environment asks for it. */
import type { LlmProvider } from '../../domain/runtime/llm-provider';
import { mongoTracingOptions } from '../db-tracing';
import { traceProvider } from '../model-tracing';
import { startTracing, tracingEnabled, tracingRequested } from '../tracing';

describe('tracing switch', () => {
  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [{ OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_TRACES_EXPORTER: 'console,none' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, false],
  ])('%j → %s', (env, on) => {
    expect(tracingRequested(env)).toBe(on);
  });

  it('off: no SDK started, the provider and the database connection are left as they are', async () => {
    await expect(startTracing({})).resolves.toBeNull();
    expect(tracingEnabled()).toBe(false);
    const provider: LlmProvider = { stream: async function* () {} };
    expect(traceProvider(provider, 'offline')).toBe(provider);
    expect(mongoTracingOptions()).toEqual({});
  });
});
