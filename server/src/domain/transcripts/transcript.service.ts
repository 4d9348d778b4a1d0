import type { MessageDto } from '../../../../shared/src/contract/types';
import type { AgentService } from '../agents/agent.service';
import type { MessageService } from '../messages/message.service';
import type { SessionService } from '../sessions/session.service';
import { labelledFields, leadFieldsOf } from '../leads/lead-fields';
import { transcriptHtml, transcriptText, type TranscriptFormat } from './transcript-format';

const MAX_MESSAGES = 10_000;

/** A downloadable copy of what the customer saw: never whispers or context. */
export class TranscriptService {
  constructor(
    private readonly sessions: SessionService,
    private readonly messages: MessageService,
    private readonly agents: AgentService,
  ) {}

  async render(sessionId: string, format: TranscriptFormat): Promise<{ body: string; contentType: string; filename: string }> {
    const session = await this.sessions.get(sessionId);
    const [messages, agent] = await Promise.all([this.messages.list(sessionId, 'customer', 0, MAX_MESSAGES), this.agents.getDoc(session.agentId)]);
    const fields = labelledFields(leadFieldsOf(agent), session.fields);
    const shown = messages.filter((m) => m.role !== 'agent' || m.status !== 'streaming');
    // The widget opens with the agent's greeting (not a stored message): the transcript shows it first, as the customer saw it.
    const greeting: MessageDto[] = agent.greeting ? [{ id: 'greeting', sessionId, seq: 0, role: 'agent', content: agent.greeting, status: 'complete', createdAt: session.createdAt }] : [];
    const input = { session, agentName: agent.name, language: agent.language, messages: [...greeting, ...shown], fields };
    const day = session.createdAt.slice(0, 10);
    return format === 'html'
      ? { body: transcriptHtml(input), contentType: 'text/html; charset=utf-8', filename: `transcript-${day}-${session.id}.html` }
      : { body: transcriptText(input), contentType: 'text/plain; charset=utf-8', filename: `transcript-${day}-${session.id}.txt` };
  }
}
