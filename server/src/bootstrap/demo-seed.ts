import type { AgentService } from '../domain/agents/agent.service';
import { KnowledgeBaseModel, KbDocumentModel } from '../db/models/knowledge.model';
import { SettingModel } from '../db/models/setting.model';
import { isDuplicateKey } from '../db/duplicate-key';
import type { KnowledgeService } from '../domain/knowledge/knowledge.service';

const DEMO_DOCS = [
  {
    title: 'Shipping',
    content:
      'We ship within 1–2 business days. Standard delivery takes 3–5 business days and is free on orders over $50; otherwise it costs $4.95. ' +
      'Express delivery (1–2 days) costs $14.95. You get a tracking link by email as soon as the parcel leaves our warehouse.',
  },
  {
    title: 'Returns and refunds',
    content:
      'You can return any unused item within 30 days of delivery for a full refund. Start a return from the Orders page; we email a prepaid label. ' +
      'Refunds reach your card 3–5 business days after the return arrives. Worn boots can be exchanged for another size within 14 days.',
  },
  {
    title: 'Opening hours and contact',
    content:
      'Our support team is available Monday to Friday, 9:00–17:30 Central European Time. Outside those hours this assistant answers, ' +
      'and you can ask for a person: we reply the next business day. Our shop in Lyon is open Tuesday to Saturday, 10:00–19:00.',
  },
  {
    title: 'Warranty',
    content: 'Tents and packs carry a 5-year warranty against manufacturing defects; boots carry 2 years. Send a photo of the defect with your order number and we repair or replace it.',
  },
];

/**
 * Creates the demo agent and its knowledge base once; later starts find them by seed key.
 * Processes starting together on a fresh database (`npm run cluster`) may all get here: the
 * knowledge base is one upsert, its documents are added by whichever process claims them, and
 * the agent's unique seed key keeps it to one.
 */
export async function seedDemo(agents: AgentService, knowledge: KnowledgeService): Promise<{ agentId: string; created: boolean }> {
  const existing = await agents.findBySeedKey('demo');
  if (existing) return { agentId: existing._id.toHexString(), created: false };
  const kb = await KnowledgeBaseModel.findOneAndUpdate(
    { seedKey: 'demo' },
    { $setOnInsert: { name: 'Acme Outdoor help centre', description: 'Demo knowledge base', seedKey: 'demo' } },
    { upsert: true, returnDocument: 'after' },
  );
  if (await claimDemoDocuments(kb._id.toHexString())) {
    for (const doc of DEMO_DOCS) await knowledge.addDocument(kb._id.toHexString(), { ...doc, format: 'text' });
  }
  try {
    const agent = await agents.create(
      {
        name: 'Acme Assistant',
        prompt: { type: 'single', text: 'You are the friendly assistant of Acme Outdoor, an outdoor gear shop. Answer from the knowledge base; if unsure, offer a person.' },
        llm: { provider: 'offline', model: 'offline' },
        knowledgeBaseIds: [kb._id.toHexString()],
        memory: { enabled: true },
        supportCommands: { whisper: true, tell: true, takeover: true },
        callEscalation: { enabled: false },
        escalationLadder: { enabled: false, waitSeconds: 60 },
        dormantAfterSeconds: 1800,
        language: 'en',
        businessHours: null,
        greeting: 'Hi! I’m the Acme assistant. Ask me about shipping, returns or opening hours — or ask for a person.',
        allowedOrigins: [],
        tools: [],
        mcpServers: [],
        approvalTimeoutSeconds: 300,
      },
      'demo',
    );
    return { agentId: agent.id, created: true };
  } catch (err) {
    // Another process seeded it at the same moment: the unique seed key kept it to one.
    const raced = await agents.findBySeedKey('demo');
    if (raced && isDuplicateKey(err)) return { agentId: raced._id.toHexString(), created: false };
    throw err;
  }
}

/**
 * True for exactly one caller per knowledge base, ever: the one that then adds its documents.
 * A knowledge base seeded before the claim existed already has them.
 */
async function claimDemoDocuments(kbId: string): Promise<boolean> {
  if ((await KbDocumentModel.countDocuments({ knowledgeBaseId: kbId })) > 0) return false;
  const claim = await SettingModel.updateOne({ _id: `seed:demo-documents:${kbId}` }, { $setOnInsert: { value: new Date().toISOString() } }, { upsert: true }).catch((err: unknown) => {
    if (isDuplicateKey(err)) return { upsertedCount: 0 };
    throw err;
  });
  return claim.upsertedCount === 1;
}
