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
 * Every step is resumable: a start interrupted anywhere (a signal, a crash) is completed by
 * the next one — the knowledge base is one upsert, each document is added once by whichever
 * process claims it (a claim whose holder died is taken over), and the agent's unique seed key
 * keeps it to one. Processes starting together on a fresh database (`npm run cluster`) may all
 * get here.
 */
export async function seedDemo(agents: AgentService, knowledge: KnowledgeService): Promise<{ agentId: string; created: boolean }> {
  const kb = await KnowledgeBaseModel.findOneAndUpdate(
    { seedKey: 'demo' },
    { $setOnInsert: { name: 'Acme Outdoor help centre', description: 'Demo knowledge base', seedKey: 'demo' } },
    { upsert: true, returnDocument: 'after' },
  );
  const kbId = kb._id.toHexString();
  for (const [i, doc] of DEMO_DOCS.entries()) await seedDocument(kbId, `seed:demo-doc:${kbId}:${i}`, doc, knowledge);
  const existing = await agents.findBySeedKey('demo');
  if (existing) return { agentId: existing._id.toHexString(), created: false };
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

/** A claim older than this was left by a start that died: the next start takes it over. */
const STALE_CLAIM_MS = 30_000;

/**
 * Adds one demo document unless it is there: claimed first (one process adds it), marked done
 * after. The claim is written before the document and the mark after it, so a start that dies
 * in between leaves a claim that goes stale, never a claim of work that was not done (the bug
 * before: "documents seeded" was written before the documents, and an interrupted first start
 * left the demo's knowledge base empty for good).
 */
async function seedDocument(kbId: string, key: string, doc: { title: string; content: string }, knowledge: KnowledgeService): Promise<void> {
  const now = new Date();
  const claimed = `claimed:${now.toISOString()}`;
  const fresh = await SettingModel.updateOne({ _id: key }, { $setOnInsert: { value: claimed } }, { upsert: true }).catch((err: unknown) => {
    if (isDuplicateKey(err)) return { upsertedCount: 0 };
    throw err;
  });
  let mine = fresh.upsertedCount === 1;
  if (!mine) {
    const stale = `claimed:${new Date(now.getTime() - STALE_CLAIM_MS).toISOString()}`;
    const taken = await SettingModel.updateOne({ _id: key, value: { $gte: 'claimed:', $lt: stale } }, { $set: { value: claimed } });
    mine = taken.modifiedCount === 1;
  }
  if (!mine) return;
  // A holder that died may have added it just before: the title says so (as do seeds of older versions).
  if (!(await KbDocumentModel.exists({ knowledgeBaseId: kbId, title: doc.title }))) await knowledge.addDocument(kbId, { ...doc, format: 'text' });
  await SettingModel.updateOne({ _id: key }, { $set: { value: 'done' } });
}
