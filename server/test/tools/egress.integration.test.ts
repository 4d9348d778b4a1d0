import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto } from '../../../shared/src/contract/types';
import { loadConfig } from '../../src/config';
import { EgressClient, EgressRefused } from '../../src/domain/egress/egress-client';
import { EgressPolicy } from '../../src/domain/egress/egress-policy';
import { createAgent } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { startToolServer, type ToolServer } from './tool-server';

// EGRESS_ALLOW set to nothing: loopback and private addresses are refused, as in production by default.
describe('egress policy (EGRESS_ALLOW empty)', () => {
  let server: TestServer;
  let tools: ToolServer;
  let http: HttpClient;

  beforeAll(async () => {
    [server, tools] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', EGRESS_ALLOW: '' } }), startToolServer()]);
    http = httpClient(server.url, server.masterKey);
  });
  afterAll(async () => {
    await server.close();
    await tools.close();
  });

  const toolAt = (url: string) => ({ name: 'order_status', description: 'd', http: { url } });

  it('refuses a loopback or private address at save time: 400 egress_refused naming the field', async () => {
    for (const url of [`${tools.url}/orders`, 'http://10.1.2.3/x', 'http://[::1]:80/x', 'http://192.168.0.1/x']) {
      const res = await http.post<{ error: { code: string; field: string } }>('/v1/agents', { name: 'a', tools: [toolAt(url)] });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'egress_refused', field: 'tools[0].http.url' });
    }
    const mcp = await http.post<{ error: { code: string; field: string } }>('/v1/agents', { name: 'a', mcpServers: [{ name: 'crm', url: 'http://127.0.0.1:1/mcp' }] });
    expect(mcp.body.error).toMatchObject({ code: 'egress_refused', field: 'mcpServers[0].url' });
  });

  it('refuses a name that resolves to loopback when the request connects (the tool server never hears of it)', async () => {
    const port = new URL(tools.url).port;
    const agent = await createAgent(http, { tools: [toolAt(`http://localhost:${port}/orders`)] });
    const res = await http.post<{ ok: boolean; result: string }>(`/v1/agents/${(agent as AgentDto).id}/tools/order_status/test`, { arguments: {} });
    expect(res.body.ok).toBe(false);
    expect(res.body.result).toContain('egress refused');
    expect(tools.requests).toHaveLength(0);
  });
});

describe('EgressPolicy and EgressClient', () => {
  it('allows public addresses, refuses link-local always, loopback unless allowed (by CIDR or host)', () => {
    const none = new EgressPolicy([]);
    expect(none.refusalOfAddress('example.com', '93.184.216.34')).toBeNull();
    expect(none.refusalOfAddress('x', '127.0.0.1')).toContain('not in EGRESS_ALLOW');
    expect(none.refusalOfAddress('x', '::ffff:10.0.0.1')).toContain('not in EGRESS_ALLOW');
    const allow = new EgressPolicy(loadConfig({ EGRESS_ALLOW: '10.0.0.0/8, intranet.local ,169.254.0.0/16' }).EGRESS_ALLOW ?? []);
    expect(allow.refusalOfAddress('x', '10.9.9.9')).toBeNull();
    expect(allow.refusalOfAddress('intranet.local', '192.168.1.1')).toBeNull();
    expect(allow.refusalOfAddress('x', '169.254.169.254')).toContain('link-local');
    expect(allow.refusalOfUrl('gopher://x')).toContain('http(s)');
  });

  it('EGRESS_ALLOW unset: loopback allowed in development only', () => {
    expect(EgressPolicy.fromConfig(undefined, 'development').refusalOfAddress('localhost', '127.0.0.1')).toBeNull();
    expect(EgressPolicy.fromConfig(undefined, 'production').refusalOfAddress('localhost', '127.0.0.1')).not.toBeNull();
    expect(() => loadConfig({ EGRESS_ALLOW: '10.0.0.0/99' })).toThrow('EGRESS_ALLOW');
  });

  it('checks at connect time: fetch of a name resolving to loopback throws EgressRefused; allowed, it goes through', async () => {
    const tools = await startToolServer();
    try {
      const port = new URL(tools.url).port;
      const refusing = new EgressClient(new EgressPolicy([]));
      await expect(refusing.fetch(`http://localhost:${port}/orders`)).rejects.toBeInstanceOf(EgressRefused);
      await expect(refusing.fetch(`${tools.url}/orders`)).rejects.toBeInstanceOf(EgressRefused);
      expect(tools.requests).toHaveLength(0);
      const allowing = new EgressClient(new EgressPolicy([{ kind: 'host', value: 'localhost' }]));
      const res = await allowing.fetch(`http://localhost:${port}/orders`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(200);
      await Promise.all([refusing.close(), allowing.close()]);
    } finally {
      await tools.close();
    }
  });
});
