/**
 * The demo agent's tools and lead fields: an order-status tool and a refund tool that needs a
 * person's approval, both served by this server's own demo shop API (`/demo/api`), and a name
 * and e-mail to capture. Added once to a demo agent that lacks them (agents seeded before tools
 * existed included); a later start only moves the demo tools to the server's current URL, so an
 * admin's own changes to them stay.
 */
import type { AgentDto, AgentToolDto, LeadFieldDto } from '../../../shared/src/contract/types';
import type { AgentPatchInput, AgentService } from '../domain/agents/agent.service';
import { demoToolSecret } from '../domain/demo/demo-tool-secret';
import { SettingModel } from '../db/models/setting.model';
import { isDuplicateKey } from '../db/duplicate-key';

/** Set once a demo agent got its tools and fields (per agent: a re-seeded demo agent gets them too). */
const upgradeMark = (agentId: string) => `seed:demo-tools-v1:${agentId}`;
const DEMO_API_PATH = '/demo/api/orders/';

type ToolInput = NonNullable<AgentPatchInput['tools']>[number];
type FieldInput = NonNullable<AgentPatchInput['fields']>[number];

const orderIdParameters = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties: { orderId: { type: 'string', description: 'The order number, e.g. 1234', pattern: '^[A-Za-z0-9-]{1,32}$' }, ...extra },
  required: ['orderId'],
  additionalProperties: false,
});

/** The demo's two tools, pointing at this server's demo shop API. */
export function demoTools(baseUrl: string, secret: string): ToolInput[] {
  const at = (path: string) => new URL(`${DEMO_API_PATH}${path}`, baseUrl).toString();
  return [
    {
      name: 'lookup_order',
      description: "Looks up an order's status, carrier and expected delivery date by its order number.",
      parameters: orderIdParameters(),
      http: { url: at('status'), method: 'POST' },
      secret,
      timeoutMs: 5_000,
      approval: 'never',
      progressLabel: 'Checking your order…',
    },
    {
      name: 'refund_order',
      description: 'Refunds an order in full. A person from the team approves each refund first.',
      parameters: orderIdParameters({ reason: { type: 'string', description: "The customer's reason, in their words" } }),
      http: { url: at('refund'), method: 'POST' },
      secret,
      timeoutMs: 5_000,
      approval: 'always',
      progressLabel: 'Processing your refund…',
    },
  ];
}

/**
 * Asked in the conversation, not in a pre-chat form: the demo opens straight on the chat, so a
 * visitor's first question can be "where is order 1234?", and shows the AI capturing the
 * details itself (the pre-chat form is shown by widget/test/prechat.browser.test.ts).
 */
export const DEMO_FIELDS: FieldInput[] = [
  { key: 'name', label: 'Name', type: 'string', required: false, description: "The customer's name", prechat: false },
  { key: 'email', label: 'E-mail', type: 'email', required: true, description: 'Where the team can reach the customer', prechat: false },
];

/** A tool as the API takes it back: stored secrets are kept when `secret` is left out (same name and URL). */
function keep(tool: AgentToolDto): ToolInput {
  return { name: tool.name, description: tool.description, parameters: tool.parameters, http: tool.http, timeoutMs: tool.timeoutMs, approval: tool.approval, progressLabel: tool.progressLabel };
}

function keepField(field: LeadFieldDto): FieldInput {
  return { key: field.key, label: field.label, type: field.type, ...(field.options ? { options: field.options } : {}), required: field.required, description: field.description, prechat: field.prechat };
}

/** The demo tools the agent lacks (first time only), and demo tools that point at another URL, moved to this one. */
function toolsPatch(agent: AgentDto, wanted: ToolInput[], upgraded: boolean): ToolInput[] | null {
  const byName = new Map(wanted.map((t) => [t.name, t]));
  let changed = false;
  const tools = agent.tools.map((tool) => {
    const demo = byName.get(tool.name);
    byName.delete(tool.name);
    if (!demo || !tool.http.url.includes(DEMO_API_PATH) || tool.http.url === demo.http.url) return keep(tool);
    changed = true;
    return { ...keep(tool), http: { ...tool.http, url: demo.http.url }, secret: demo.secret };
  });
  if (!upgraded && byName.size > 0) {
    tools.push(...byName.values());
    changed = true;
  }
  return changed ? tools : null;
}

/** The demo fields the agent lacks (first time only). */
function fieldsPatch(agent: AgentDto, upgraded: boolean): FieldInput[] | null {
  if (upgraded) return null;
  const missing = DEMO_FIELDS.filter((f) => !agent.fields.some((existing) => existing.key === f.key));
  return missing.length ? [...agent.fields.map(keepField), ...missing] : null;
}

/**
 * Gives the demo agent its tools and fields (once), and keeps its demo tools pointing at
 * `baseUrl`. Safe to run on every start and from several processes at once: each step is a
 * whole-list patch that reaches the same result, and the mark is set only after it succeeded.
 */
export async function ensureDemoTools(agents: AgentService, agentId: string, baseUrl: string): Promise<void> {
  const mark = upgradeMark(agentId);
  const upgraded = (await SettingModel.exists({ _id: mark })) !== null;
  const agent = await agents.get(agentId);
  // Fields and tools apart: a tool URL the egress policy refuses must not cost the demo its fields.
  const fields = fieldsPatch(agent, upgraded);
  if (fields) await agents.patch(agentId, { fields });
  const tools = toolsPatch(agent, demoTools(baseUrl, await demoToolSecret()), upgraded);
  if (tools) await agents.patch(agentId, { tools });
  if (!upgraded) await SettingModel.updateOne({ _id: mark }, { $setOnInsert: { value: new Date().toISOString() } }, { upsert: true }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err; // another process marked it at the same moment
    });
}
