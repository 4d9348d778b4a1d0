/**
 * A real MCP server for the tests, built with the SDK's own server classes (McpServer and
 * StreamableHTTPServerTransport, stateless: a fresh pair per request) on loopback.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

export interface TestMcpServer {
  url: string;
  /** The Authorization header of each request received. */
  authorizations: (string | undefined)[];
  /** Tool calls received: name and arguments. */
  calls: { name: string; args: Record<string, unknown> }[];
  close(): Promise<void>;
}

function build(calls: TestMcpServer['calls']): McpServer {
  const server = new McpServer({ name: 'crm', version: '1.0.0' });
  server.registerTool('lookup_customer', { description: 'Finds a customer by email', inputSchema: { email: z.string() } }, ({ email }) => {
    calls.push({ name: 'lookup_customer', args: { email } });
    return { content: [{ type: 'text', text: JSON.stringify({ email, plan: 'pro', since: 2021 }) }] };
  });
  server.registerTool('delete_customer', { description: 'Deletes a customer', inputSchema: { email: z.string() } }, ({ email }) => {
    calls.push({ name: 'delete_customer', args: { email } });
    return { content: [{ type: 'text', text: 'deleted' }] };
  });
  server.registerTool('flaky', { description: 'Always fails', inputSchema: {} }, () => {
    calls.push({ name: 'flaky', args: {} });
    return { content: [{ type: 'text', text: 'upstream unavailable' }], isError: true };
  });
  return server;
}

export async function startMcpServer(): Promise<TestMcpServer> {
  const authorizations: (string | undefined)[] = [];
  const calls: TestMcpServer['calls'] = [];
  const httpServer = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(parts).toString('utf8') || 'null');
      const server = build(calls);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      server
        .connect(transport)
        .then(() => transport.handleRequest(req, res, body))
        .catch(() => !res.headersSent && res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    authorizations,
    calls,
    close: async () => {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
