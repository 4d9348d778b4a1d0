import type { MessageStatus } from '../../../../shared/src/contract/types';
import type { LlmErrorKind } from './llm-provider';

/** What the runtime reports about its replies, for metrics; it knows nothing of who listens. */
export interface ReplyObserver {
  /** From the reply's start (model asked) to its first token reaching the customer. */
  firstToken(ms: number): void;
  replyEnded(status: Exclude<MessageStatus, 'streaming'>, ms: number, deltas: number): void;
  /** A model request failed before its first token and is tried again. */
  llmRetry(kind: LlmErrorKind): void;
}
