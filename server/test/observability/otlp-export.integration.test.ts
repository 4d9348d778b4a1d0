/**
 * The real process with the standard variable set: `OTEL_EXPORTER_OTLP_ENDPOINT` pointing at
 * an OTLP/HTTP receiver (a plain loopback server here) makes the server export its spans there,
 * and the last batch is flushed when the process stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../support/processes';

jest.setTimeout(90_000);

interface Received {
  path: string;
  contentType: string;
  body: Buffer;
}

describe('OTLP export from the server process', () => {
  const received: Received[] = [];
  let receiver: http.Server;
  let dataDir: string;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', contentType: String(req.headers['content-type']), body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    dataDir = mkdtempSync(join(tmpdir(), 'sb-otlp-'));
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports the spans of a request to OTEL_EXPORTER_OTLP_ENDPOINT, flushed on SIGTERM', async () => {
    const key = 'sk_otlp_test_master_key_0123456789';
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const proc = await startServerProcess({ DATA_DIR: dataDir, CHAT_MASTER_KEY: key, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'switchboard-otlp-test' });
    try {
      const res = await fetch(`${proc.url}/v1/chat/sessions?limit=1`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
    } finally {
      await proc.stop();
    }
    const traces = received.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    expect(traces[0].contentType).toBe('application/x-protobuf');
    // Protobuf keeps strings as UTF-8: the span name and the service name are in the payload.
    const all = Buffer.concat(traces.map((t) => t.body)).toString('latin1');
    expect(all).toContain('GET /v1/chat/sessions');
    expect(all).toContain('switchboard-otlp-test');
    expect(proc.output()).not.toMatch(/error/i);
  });
});
