import type { MessageDto } from '../../../../shared/src/contract/types';
import type { Logger } from '../../logger';
import type { AgentDoc } from '../../db/models/agent.model';
import type { AgentService } from '../agents/agent.service';
import type { EventBus } from '../events/event-bus';
import type { MessageService } from '../messages/message.service';
import type { SessionService } from '../sessions/session.service';
import type { LlmPassage, LlmProvider, LlmTool } from './llm-provider';
import type { ToolRunResult, ToolTurn } from '../tools/tool-runner';
import type { ReplyObserver } from './reply-observer';
import type { LeadCapture } from '../leads/lead.service';

/** What the agent runtime is given: the services and ports it calls, and its options. */
export interface KnowledgeRetriever {
  retrieve(knowledgeBaseIds: string[], query: string, limit: number): Promise<LlmPassage[]>;
}
export interface MemoryRecall {
  recall(agentId: string, customerId: string): Promise<string[]>;
}

/** Lets a caller follow its own reply (the REST event stream does). */
export interface ReplyHooks {
  onStart?: (message: MessageDto) => void;
  onDelta?: (delta: { messageId: string; index: number; text: string }) => void;
}

export interface RuntimeOptions {
  processId: string;
  maxRetries: number;
  retryBaseMs: number;
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  checkpointMs: number;
  /** The most history text (in characters) one model request carries; the newest messages win. */
  historyChars: number;
  /** Model rounds with tool calls in one reply (TOOL_MAX_ROUNDS). */
  toolMaxRounds?: number;
}

/** An agent's own tools (domain/tools/tool-runner.ts): what to offer, and carrying out a call. */
export interface AgentToolsPort {
  offer(agent: AgentDoc): { tools: LlmTool[]; notes: string[] };
  run(turn: ToolTurn): Promise<ToolRunResult>;
}

export interface CallOffers {
  offer(sessionId: string, reason: string): Promise<unknown>;
}

export interface RuntimeDeps {
  calls?: CallOffers;
  leads?: LeadCapture;
  tools?: AgentToolsPort;
  sessions: SessionService;
  messages: MessageService;
  agents: AgentService;
  bus: EventBus;
  providerFor: (agent: AgentDoc) => LlmProvider;
  knowledge?: KnowledgeRetriever;
  memory?: MemoryRecall;
  logger: Logger;
  options: RuntimeOptions;
  observer?: ReplyObserver;
}
