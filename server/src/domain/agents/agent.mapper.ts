import type { AgentDto, AgentPrompt, LlmConfig, PublicAgentDto } from '../../../../shared/src/dto';
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
    createdAt: a.get('createdAt').toISOString(),
    updatedAt: a.get('updatedAt').toISOString(),
  };
}

export function toPublicAgentDto(a: AgentDoc): PublicAgentDto {
  return { id: a._id.toHexString(), name: a.name, greeting: a.greeting, language: (a.language ?? 'en') as ChatLanguage };
}
