/**
 * A CLIENT span per MongoDB command, from the driver's command monitoring: started in the
 * async context of the code that issued the command, so it is that code's child. The driver
 * monitors commands only when asked (`monitorCommands`), which happens only with tracing on.
 */
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { tracer, tracingEnabled } from './tracing';

// Handshakes and heartbeats are noise in a trace.
const IGNORED = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'saslStart', 'saslContinue', 'endSessions', 'buildInfo', 'getMore']);

// The fields used, structurally: mongoose bundles its own copy of the driver, whose classes differ from the top-level one's.
interface CommandStartedEvent { requestId: number; commandName: string; databaseName: string; command: Record<string, unknown> }
interface CommandFinishedEvent { requestId: number; failure?: Error }
interface CommandMonitor {
  on(event: 'commandStarted', listener: (e: CommandStartedEvent) => void): unknown;
  on(event: 'commandSucceeded' | 'commandFailed', listener: (e: CommandFinishedEvent) => void): unknown;
}

/** Extra options for the connection: command monitoring when tracing is on. */
export function mongoTracingOptions(): { monitorCommands?: boolean } {
  return tracingEnabled() ? { monitorCommands: true } : {};
}

/** Turns the client's command events into spans (no-op when tracing is off). */
export function traceMongoCommands(client: CommandMonitor): void {
  if (!tracingEnabled()) return;
  const open = new Map<number, Span>();
  client.on('commandStarted', (e: CommandStartedEvent) => {
    if (IGNORED.has(e.commandName)) return;
    // Only inside a trace: background work (TTL sweeps, change polling) would flood the exporter.
    if (!trace.getSpan(context.active())) return;
    const value: unknown = e.command[e.commandName];
    const collection = typeof value === 'string' ? value : undefined;
    const span = tracer().startSpan(collection ? `${e.commandName} ${collection}` : e.commandName, {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': 'mongodb', 'db.operation.name': e.commandName, 'db.namespace': e.databaseName, ...(collection ? { 'db.collection.name': collection } : {}) },
    });
    open.set(e.requestId, span);
  });
  const finish = (e: CommandFinishedEvent): void => {
    const span = open.get(e.requestId);
    if (!span) return;
    open.delete(e.requestId);
    if (e.failure) span.setStatus({ code: SpanStatusCode.ERROR, message: e.failure.message });
    span.end();
  };
  client.on('commandSucceeded', finish);
  client.on('commandFailed', finish);
}
