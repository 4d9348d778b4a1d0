import { KnowledgeBaseModel } from '../../db/models/knowledge.model';
import { SettingModel } from '../../db/models/setting.model';
import { httpClient, type HttpClient } from '../../../test/support/http-client';
import { startTestServer, type TestServer } from '../../../test/support/test-server';
import { seedDemo } from '../demo-seed';

// Regression: "documents seeded" was claimed before the documents were written, so a first
// start interrupted in between left the demo's knowledge base empty for good.
describe('the demo seed after an interrupted first start', () => {
  let server: TestServer;
  let http: HttpClient;
  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    http = httpClient(server.url, server.masterKey);
  });
  afterAll(() => server.close());

  it('completes what the interrupted start left: a knowledge base with a claim on a document that never came', async () => {
    // What a start that died mid-seed leaves: the knowledge base, the old all-documents claim, and a claim on the first document 40 s old.
    const kb = await KnowledgeBaseModel.create({ name: 'Acme Outdoor help centre', description: 'Demo knowledge base', seedKey: 'demo' });
    const kbId = kb._id.toHexString();
    await SettingModel.create({ _id: `seed:demo-documents:${kbId}`, value: new Date().toISOString() });
    await SettingModel.create({ _id: `seed:demo-doc:${kbId}:0`, value: `claimed:${new Date(Date.now() - 40_000).toISOString()}` });

    const seeded = await seedDemo(server.app.services.agents, server.app.knowledge);
    expect(seeded.created).toBe(true);
    const kbs = await http.get<{ knowledgeBases: { id: string; documentCount: number }[] }>('/v1/knowledge-bases');
    expect(kbs.body.knowledgeBases.find((k) => k.id === kbId)?.documentCount).toBe(4);
    // Asking again adds nothing.
    await seedDemo(server.app.services.agents, server.app.knowledge);
    const again = await http.get<{ knowledgeBases: { id: string; documentCount: number }[] }>('/v1/knowledge-bases');
    expect(again.body.knowledgeBases.find((k) => k.id === kbId)?.documentCount).toBe(4);
  });
});
