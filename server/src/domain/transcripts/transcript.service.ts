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
    const input = { session, agentName: agent.name, language: agent.language, messages: messages.filter((m) => m.role !== 'agent' || m.status !== 'streaming'), fields };
    const day = session.createdAt.slice(0, 10);
    return format === 'html'
      ? { body: transcriptHtml(input), contentType: 'text/html; charset=utf-8', filename: `transcript-${day}-${session.id}.html` }
      : { body: transcriptText(input), contentType: 'text/plain; charset=utf-8', filename: `transcript-${day}-${session.id}.txt` };
  }
}
