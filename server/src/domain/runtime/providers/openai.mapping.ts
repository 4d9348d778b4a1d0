/** Converts the provider seam's messages and tools to the openai SDK's chat-completions shapes. */
import type { ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { LlmMessage, LlmTool, LlmToolCall } from '../llm-provider';

export function toOpenAiMessage(message: LlmMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (!calls.length) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        // OpenAI wants null rather than "" when the turn was only tool calls.
        content: message.content || null,
        tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
      };
    }
  }
}

export function toOpenAiTool(tool: LlmTool): ChatCompletionFunctionTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

interface ToolCallDelta {
  /** Required by OpenAI; some compatible servers leave it out (see `slotOf`). */
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

/**
 * Tool calls arrive as fragments keyed by `index`: the first carries id and name, the rest
 * pieces of the JSON arguments. They are only usable once the stream says it finished.
 */
export class ToolCallAccumulator {
  private readonly calls = new Map<number, LlmToolCall>();
  private last: number | undefined;

  add(delta: ToolCallDelta): void {
    const slot = this.slotOf(delta);
    const call = this.calls.get(slot) ?? { id: '', name: '', arguments: '' };
    if (delta.id) call.id = delta.id;
    if (delta.function?.name) call.name += delta.function.name;
    if (delta.function?.arguments) call.arguments += delta.function.arguments;
    this.calls.set(slot, call);
  }

  /** The assembled calls in index order; ids are invented only if the server sent none. */
  complete(): LlmToolCall[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
  }

  /**
   * The call a fragment belongs to. Without an `index` (Gemini's OpenAI-compatible API, older
   * Ollama, SGLang), a new id starts the next call and a fragment without one continues the
   * last; keying them all by `undefined` would merge every call into one.
   */
  private slotOf(delta: ToolCallDelta): number {
    if (typeof delta.index === 'number') return (this.last = delta.index);
    const current = this.last === undefined ? undefined : this.calls.get(this.last);
    if (this.last === undefined || (delta.id && current?.id && current.id !== delta.id)) {
      this.last = this.calls.size === 0 ? 0 : Math.max(...this.calls.keys()) + 1;
    }
    return this.last;
  }
}
