import { httpClient, type HttpClient } from '../../../test/support/http-client';
import { startTestServer, type TestServer } from '../../../test/support/test-server';
import { seedDemo } from '../demo-seed';

describe('the demo seed', () => {
  let server: TestServer;
  let http: HttpClient;
  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    http = httpClient(server.url, server.masterKey);
  });
  afterAll(() => server.close());

  it('creates one agent, one knowledge base and its documents once, when several starts run it together', async () => {
    const { agents } = server.app.services;
    const results = await Promise.all([1, 2, 3].map(() => seedDemo(agents, server.app.knowledge)));
    expect(new Set(results.map((r) => r.agentId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);

    const listed = await http.get<{ agents: { id: string; name: string }[] }>('/v1/agents');
    expect(listed.body.agents.filter((a) => a.name === 'Acme Assistant').map((a) => a.id)).toEqual([results[0]?.agentId]);
    const kbs = await http.get<{ knowledgeBases: { name: string; documentCount: number }[] }>('/v1/knowledge-bases');
    expect(kbs.body.knowledgeBases.filter((kb) => kb.name === 'Acme Outdoor help centre')).toEqual([expect.objectContaining({ documentCount: 4 })]);

    // A later start finds it all and adds nothing.
    await expect(seedDemo(agents, server.app.knowledge)).resolves.toEqual({ agentId: results[0]?.agentId, created: false });
    const after = await http.get<{ knowledgeBases: { documentCount: number }[] }>('/v1/knowledge-bases');
    expect(after.body.knowledgeBases.map((kb) => kb.documentCount)).toEqual([4]);
  });
});
