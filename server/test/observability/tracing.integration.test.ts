/**
 * OpenTelemetry traces through the real interfaces: the server runs in this process with a
 * tracer provider whose spans land in an in-memory exporter. One customer message over the
 * widget socket must make one connected trace, from the `message:send` event to the
 * `stream:end` emission, with the model call (model, time to first token, tokens) and the
 * MongoDB commands as descendants; a REST call makes a SERVER span that continues the
 * caller's `traceparent`.
 */
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { StreamEnd } from '../../../shared/src/events';
import { ATTR_TTFT_MS } from '../../src/observability/model-tracing';
import { enableTracing } from '../../src/observability/tracing';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createFakeLlmAgent, createSession, okAck, openWidget, widgetSend, type OpenWidget } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { nextEvent } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { startToolServer, type ToolServer } from '../tools/tool-server';

jest.setTimeout(60_000);

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

/** The chain of names from a span up to its trace's root. */
function ancestry(span: ReadableSpan, byId: Map<string, ReadableSpan>): string[] {
  const names = [span.name];
  for (let parent = span.parentSpanContext?.spanId; parent; parent = byId.get(parent)?.parentSpanContext?.spanId) {
    const p = byId.get(parent);
    if (!p) return [...names, `<missing ${parent}>`];
    names.push(p.name);
  }
  return names;
}

describe('OpenTelemetry traces', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let api: HttpClient;
  let agentId: string;
  let widget: OpenWidget | undefined;
  let tools: ToolServer;

  beforeAll(async () => {
    provider.register();
    enableTracing();
    [server, llm, tools] = await Promise.all([startTestServer(), startFakeLlm(), startToolServer()]);
    api = httpClient(server.url, server.masterKey);
    agentId = (await createFakeLlmAgent(api, llm.url)).id;
  });
  afterAll(async () => {
    widget?.socket.disconnect();
    await Promise.all([server?.close(), llm?.close(), tools?.close()]);
    enableTracing(false);
    await provider.shutdown();
    trace.disable();
  });

  it('one customer message makes one connected trace from message:send to stream:end', async () => {
    const { customerToken } = await createSession(api, agentId);
    widget = await openWidget(server.url, { agentId, customerToken });
    exporter.reset();
    llm.enqueue({ tokens: ['Hel', 'lo ', 'there'], delayMs: 5 });
    const ended = nextEvent<StreamEnd>(widget.socket, 'stream:end');
    okAck(await widgetSend(widget.socket, { clientMessageId: 'otel-1', content: 'Hi' }));
    expect((await ended).message.content).toBe('Hello there');
    await provider.forceFlush();

    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === 'message:send' && !s.parentSpanContext);
    expect(root).toBeDefined();
    const traceId = root?.spanContext().traceId;
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
    const byId = new Map(inTrace.map((s) => [s.spanContext().spanId, s]));
    // Every span of the trace leads back to message:send.
    for (const s of inTrace) expect(ancestry(s, byId).at(-1)).toBe('message:send');

    const streamEnd = inTrace.find((s) => s.name === 'stream:end');
    expect(streamEnd?.attributes['switchboard.message_status']).toBe('complete');

    const model = inTrace.find((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    expect(model?.name).toBe('chat fake-model');
    expect(model?.attributes['gen_ai.request.model']).toBe('fake-model');
    expect(model?.attributes[ATTR_TTFT_MS]).toEqual(expect.any(Number));
    expect(model?.attributes['gen_ai.usage.output_tokens']).toEqual(expect.any(Number));
    expect(model?.attributes['gen_ai.usage.input_tokens']).toEqual(expect.any(Number));

    const db = inTrace.filter((s) => s.attributes['db.system.name'] === 'mongodb');
    expect(db.length).toBeGreaterThan(0);
    expect(db.some((s) => s.attributes['db.operation.name'] === 'insert' && s.attributes['db.collection.name'] === 'messages')).toBe(true);
  });

  it('a tool call is an execute_tool span between the two model calls of its reply', async () => {
    const params = { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] };
    const toolAgent = await createFakeLlmAgent(api, llm.url, { tools: [{ name: 'order_status', description: 'Order status', parameters: params, http: { url: `${tools.url}/orders` }, secret: tools.secret }] });
    const { customerToken } = await createSession(api, toolAgent.id);
    const w = await openWidget(server.url, { agentId: toolAgent.id, customerToken });
    try {
      exporter.reset();
      llm.enqueue({ toolCalls: [{ name: 'order_status', arguments: '{"orderId":"42"}' }] }, { tokens: ['It shipped.'] });
      const ended = nextEvent<StreamEnd>(w.socket, 'stream:end');
      okAck(await widgetSend(w.socket, { clientMessageId: 'otel-tool', content: 'Where is order 42?' }));
      expect((await ended).message.content).toBe('It shipped.');
      await provider.forceFlush();
      const spans = exporter.getFinishedSpans();
      const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
      const tool = spans.find((s) => s.name === 'execute_tool order_status');
      expect(tool?.attributes).toMatchObject({ 'gen_ai.tool.name': 'order_status', 'gen_ai.tool.type': 'http', 'switchboard.tool.ok': true, 'http.response.status_code': 200 });
      expect(tool && ancestry(tool, byId).at(-1)).toBe('message:send');
      const models = spans.filter((s) => s.name === 'chat fake-model' && s.spanContext().traceId === tool?.spanContext().traceId);
      expect(models).toHaveLength(2);
    } finally {
      w.socket.disconnect();
    }
  });

  it('a REST request is a SERVER span named by its route, continuing the caller’s traceparent', async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${server.url}/v1/chat/sessions?limit=5`, { headers: { authorization: `Bearer ${server.masterKey}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    expect(res.status).toBe(200);
    await provider.forceFlush();
    const span = exporter.getFinishedSpans().find((s) => s.attributes['http.route'] === '/v1/chat/sessions');
    expect(span?.name).toBe('GET /v1/chat/sessions');
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(span?.attributes['http.response.status_code']).toBe(200);
    // Its database reads are its children.
    const children = exporter.getFinishedSpans().filter((s) => s.parentSpanContext?.spanId === span?.spanContext().spanId);
    expect(children.some((s) => s.attributes['db.system.name'] === 'mongodb')).toBe(true);
  });
});
