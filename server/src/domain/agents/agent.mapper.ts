import type { AgentDto, AgentPrompt, AgentToolDto, LlmConfig, McpServerDto, PublicAgentDto, ToolApproval } from '../../../../shared/src/contract/types';
import type { BusinessHours } from '../../../../shared/src/business-hours';
import type { AgentDoc } from '../../db/models/agent.model';
import type { ChatLanguage } from '../../../../shared/src/languages';
import { leadFieldsOf } from '../leads/lead-fields';

export function toAgentDto(a: AgentDoc): AgentDto {
  const stored = a.llm ?? { provider: 'offline', model: 'offline' };
  const hasApiKey = Boolean(stored.apiKey) && stored.apiKeyFor === (stored.baseUrl ?? '');
  const llm: LlmConfig = { provider: stored.provider as LlmConfig['provider'], model: stored.model, hasApiKey };
  if (stored.baseUrl) llm.baseUrl = stored.baseUrl;
  if (typeof stored.temperature === 'number') llm.temperature = stored.temperature;
  return {
    id: a._id.toHexString(),
    name: a.name,
    prompt: a.prompt as AgentPrompt,
    llm,
    knowledgeBaseIds: a.knowledgeBaseIds.map((id) => id.toHexString()),
    fields: leadFieldsOf(a),
    memory: { enabled: a.memory?.enabled ?? false },
    supportCommands: {
      whisper: a.supportCommands?.whisper ?? true,
      tell: a.supportCommands?.tell ?? true,
      takeover: a.supportCommands?.takeover ?? true,
    },
    callEscalation: {
      enabled: a.callEscalation?.enabled ?? false,
      webhookUrl: a.callEscalation?.webhookUrl ?? undefined,
      voiceAgentId: a.callEscalation?.voiceAgentId ?? undefined,
      hasSecret: Boolean(a.callEscalation?.secret),
    },
    escalationLadder: { enabled: a.escalationLadder?.enabled ?? false, waitSeconds: a.escalationLadder?.waitSeconds ?? 60 },
    dormantAfterSeconds: a.dormantAfterSeconds,
    greeting: a.greeting,
    language: (a.language ?? 'en') as ChatLanguage,
    allowedOrigins: a.allowedOrigins,
    businessHours: (a.businessHours as BusinessHours | null | undefined) ?? null,
    tools: (a.tools ?? []).map(toToolDto),
    mcpServers: (a.mcpServers ?? []).map(toMcpServerDto),
    approvalTimeoutSeconds: a.approvalTimeoutSeconds ?? 300,
    createdAt: a.get('createdAt').toISOString(),
    updatedAt: a.get('updatedAt').toISOString(),
  };
}

export function toPublicAgentDto(a: AgentDoc): PublicAgentDto {
  return { id: a._id.toHexString(), name: a.name, greeting: a.greeting, language: (a.language ?? 'en') as ChatLanguage };
}

type StoredTool = AgentDoc['tools'][number];
type StoredMcpServer = AgentDoc['mcpServers'][number];

/** A tool as admins see it: the secret only as `hasSecret`. */
export function toToolDto(t: StoredTool): AgentToolDto {
  return {
    name: t.name,
    description: t.description ?? '',
    parameters: (t.parameters ?? { type: 'object', properties: {} }) as Record<string, unknown>,
    http: { url: t.http?.url ?? '', method: t.http?.method === 'GET' ? 'GET' : 'POST' },
    hasSecret: Boolean(t.secret),
    timeoutMs: t.timeoutMs ?? 10_000,
    approval: (t.approval ?? 'never') as ToolApproval,
    progressLabel: t.progressLabel ?? null,
  };
}

export function toMcpServerDto(m: StoredMcpServer): McpServerDto {
  return {
    name: m.name,
    url: m.url,
    hasHeaders: Boolean(m.headers),
    allowedTools: m.allowedTools ?? null,
    approval: (m.approval ?? 'never') as ToolApproval,
    tools: (m.tools ?? []).map((t) => ({ name: t.name ?? '', description: t.description ?? '' })),
    listedAt: m.listedAt ? new Date(m.listedAt).toISOString() : null,
    error: m.error ?? null,
  };
}
