/**
 * The agent editor's form values and their conversion to the API's body. Pure, so the
 * rules (blank means "leave out", the secret is write-only, origins one per line) are tested.
 */
import type { AgentDto, AgentPrompt, LlmConfig } from '../../../shared/src/contract/types';
import type { ChatLanguage } from '../../../shared/src/languages';
import type { AgentInput } from './api';
import { listsFromAgent, listsToInput, type FieldFormValues, type McpFormValues, type ToolFormValues } from './agent-tools-form';

export interface AgentFormValues {
  name: string;
  greeting: string;
  language: ChatLanguage;
  promptType: 'single' | 'multi';
  promptText: string;
  /** A multi-state prompt, edited as JSON `{start, states}`. */
  promptJson: string;
  provider: LlmConfig['provider'];
  model: string;
  baseUrl: string;
  /** Write-only: blank keeps the stored key. */
  apiKey: string;
  hasApiKey: boolean;
  /** Remove the stored key (when none is typed). */
  removeApiKey: boolean;
  temperature: string;
  knowledgeBaseIds: string[];
  memory: boolean;
  whisper: boolean;
  tell: boolean;
  takeover: boolean;
  callEnabled: boolean;
  webhookUrl: string;
  /** Write-only: blank keeps the stored secret. */
  secret: string;
  hasSecret: boolean;
  voiceAgentId: string;
  /** The escalation ladder: say so when help was requested and nobody came. */
  ladderEnabled: boolean;
  ladderWaitSeconds: string;
  dormantAfterSeconds: string;
  /** One origin per line. */
  allowedOrigins: string;
  /** `{timezone, weekly, holidays}` as JSON; blank = always open. */
  businessHoursJson: string;
  tools: ToolFormValues[];
  mcpServers: McpFormValues[];
  fields: FieldFormValues[];
  /** How long a tool call waits for a person's approval. */
  approvalTimeoutSeconds: string;
}

/** A form field: a top-level value, or a list item's (`tools.0.parameters`), named as the server names it. */
export type FormField = keyof AgentFormValues | (string & {});
export type FormResult = { ok: true; input: AgentInput } | { ok: false; field: FormField; message: string };

const ORIGIN = /^(\*|https?:\/\/[^/\s]+)$/;
const MAX_DORMANT_S = 30 * 86_400;
const LADDER_WAIT_S = { min: 5, max: 86_400 };
const APPROVAL_TIMEOUT_S = { min: 1, max: 7 * 86_400 };

/** Form values for an existing agent, or the defaults for a new one. */
export function formFromAgent(agent?: AgentDto): AgentFormValues {
  const prompt: AgentPrompt = agent?.prompt ?? { type: 'single', text: 'You are a helpful assistant.' };
  return {
    name: agent?.name ?? '',
    greeting: agent?.greeting ?? '',
    language: agent?.language ?? 'en',
    promptType: prompt.type,
    promptText: prompt.type === 'single' ? prompt.text : '',
    promptJson: prompt.type === 'multi' ? JSON.stringify({ start: prompt.start, states: prompt.states }, null, 2) : '',
    provider: agent?.llm.provider ?? 'offline',
    model: agent?.llm.model ?? 'offline',
    baseUrl: agent?.llm.baseUrl ?? '',
    apiKey: '',
    hasApiKey: agent?.llm.hasApiKey ?? false,
    removeApiKey: false,
    temperature: agent?.llm.temperature === undefined ? '' : String(agent.llm.temperature),
    knowledgeBaseIds: agent?.knowledgeBaseIds ?? [],
    memory: agent?.memory.enabled ?? false,
    whisper: agent?.supportCommands.whisper ?? true,
    tell: agent?.supportCommands.tell ?? true,
    takeover: agent?.supportCommands.takeover ?? true,
    callEnabled: agent?.callEscalation.enabled ?? false,
    webhookUrl: agent?.callEscalation.webhookUrl ?? '',
    secret: '',
    hasSecret: agent?.callEscalation.hasSecret ?? false,
    voiceAgentId: agent?.callEscalation.voiceAgentId ?? '',
    ladderEnabled: agent?.escalationLadder.enabled ?? false,
    ladderWaitSeconds: String(agent?.escalationLadder.waitSeconds ?? 60),
    dormantAfterSeconds: String(agent?.dormantAfterSeconds ?? 1800),
    allowedOrigins: (agent?.allowedOrigins ?? []).join('\n'),
    businessHoursJson: agent?.businessHours ? JSON.stringify(agent.businessHours, null, 2) : '',
    ...listsFromAgent(agent),
    approvalTimeoutSeconds: String(agent?.approvalTimeoutSeconds ?? 300),
  };
}

function parsePrompt(v: AgentFormValues): AgentPrompt | string {
  if (v.promptType === 'single') return { type: 'single', text: v.promptText };
  try {
    const parsed = JSON.parse(v.promptJson) as { start?: unknown; states?: unknown };
    if (typeof parsed.start !== 'string' || !Array.isArray(parsed.states)) return 'needs "start" (a state name) and "states" (a list)';
    return { type: 'multi', start: parsed.start, states: parsed.states as Extract<AgentPrompt, { type: 'multi' }>['states'] };
  } catch {
    return 'is not valid JSON';
  }
}

/** Checks the form and builds the request body, or names the first bad field. */
export function formToInput(v: AgentFormValues): FormResult {
  if (!v.name.trim()) return { ok: false, field: 'name', message: 'Name is required' };
  if (!v.model.trim()) return { ok: false, field: 'model', message: 'Model is required' };
  const temperature = v.temperature.trim() === '' ? undefined : Number(v.temperature);
  if (temperature !== undefined && !(temperature >= 0 && temperature <= 2)) return { ok: false, field: 'temperature', message: 'Temperature must be between 0 and 2' };
  const dormant = Number(v.dormantAfterSeconds);
  if (!Number.isInteger(dormant) || dormant < 10 || dormant > MAX_DORMANT_S) return { ok: false, field: 'dormantAfterSeconds', message: `Dormant after must be a whole number of seconds, 10 to ${MAX_DORMANT_S}` };
  const wait = Number(v.ladderWaitSeconds);
  if (!Number.isInteger(wait) || wait < LADDER_WAIT_S.min || wait > LADDER_WAIT_S.max) {
    return { ok: false, field: 'ladderWaitSeconds', message: `The wait must be a whole number of seconds, ${LADDER_WAIT_S.min} to ${LADDER_WAIT_S.max}` };
  }
  const origins = v.allowedOrigins.split(/[\s,]+/).map((o) => o.trim()).filter(Boolean);
  const badOrigin = origins.find((o) => !ORIGIN.test(o));
  if (badOrigin) return { ok: false, field: 'allowedOrigins', message: `“${badOrigin}” is not an origin like https://example.com or *` };
  if (v.secret && v.secret.length < 16) return { ok: false, field: 'secret', message: 'The webhook secret needs at least 16 characters' };
  const approvalTimeout = Number(v.approvalTimeoutSeconds);
  if (!Number.isInteger(approvalTimeout) || approvalTimeout < APPROVAL_TIMEOUT_S.min || approvalTimeout > APPROVAL_TIMEOUT_S.max) {
    return { ok: false, field: 'approvalTimeoutSeconds', message: `The approval wait must be a whole number of seconds, ${APPROVAL_TIMEOUT_S.min} to ${APPROVAL_TIMEOUT_S.max}` };
  }
  const lists = listsToInput(v);
  if (!lists.ok) return lists;
  const prompt = parsePrompt(v);
  if (typeof prompt === 'string') return { ok: false, field: 'promptJson', message: `Prompt states ${prompt}` };

  let businessHours: AgentInput['businessHours'] = null;
  try {
    if (v.businessHoursJson.trim()) businessHours = JSON.parse(v.businessHoursJson) as AgentInput['businessHours'];
  } catch {
    return { ok: false, field: 'businessHoursJson', message: 'Business hours is not valid JSON' };
  }

  const llm: NonNullable<AgentInput['llm']> = { provider: v.provider, model: v.model.trim() };
  // Blank keeps the stored key (a PATCH that names none keeps it); null removes it.
  if (v.apiKey.trim()) llm.apiKey = v.apiKey.trim();
  else if (v.removeApiKey) llm.apiKey = null;
  if (v.baseUrl.trim()) llm.baseUrl = v.baseUrl.trim();
  if (temperature !== undefined) llm.temperature = temperature;
  const callEscalation: NonNullable<AgentInput['callEscalation']> = { enabled: v.callEnabled };
  if (v.webhookUrl.trim()) callEscalation.webhookUrl = v.webhookUrl.trim();
  if (v.secret) callEscalation.secret = v.secret;
  if (v.voiceAgentId.trim()) callEscalation.voiceAgentId = v.voiceAgentId.trim();

  return {
    ok: true,
    input: {
      name: v.name.trim(),
      greeting: v.greeting,
      language: v.language,
      prompt,
      llm,
      knowledgeBaseIds: v.knowledgeBaseIds,
      memory: { enabled: v.memory },
      supportCommands: { whisper: v.whisper, tell: v.tell, takeover: v.takeover },
      callEscalation,
      escalationLadder: { enabled: v.ladderEnabled, waitSeconds: wait },
      dormantAfterSeconds: dormant,
      allowedOrigins: origins,
      businessHours,
      ...lists.input,
      approvalTimeoutSeconds: approvalTimeout,
    },
  };
}
