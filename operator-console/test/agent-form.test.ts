import type { AgentDto } from '../../shared/src/contract/types';
import { formFromAgent, formToInput } from '../src/lib/agent-form';

const agent: AgentDto = {
  id: 'a'.repeat(24),
  name: 'Support bot',
  prompt: { type: 'single', text: 'Be kind.' },
  llm: { provider: 'openai-compatible', model: 'llama3', baseUrl: 'http://localhost:11434/v1', temperature: 0.3, hasApiKey: true },
  knowledgeBaseIds: ['b'.repeat(24)],
  fields: [],
  memory: { enabled: true },
  supportCommands: { whisper: true, tell: false, takeover: true },
  callEscalation: { enabled: true, webhookUrl: 'https://voice.example.com/hook', voiceAgentId: 'v1', hasSecret: true },
  escalationLadder: { enabled: false, waitSeconds: 60 },
  dormantAfterSeconds: 600,
  greeting: 'Hi!',
  language: 'fr',
  allowedOrigins: ['https://a.example.com', '*'],
  businessHours: null,
  tools: [],
  mcpServers: [],
  approvalTimeoutSeconds: 300,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('agent form', () => {
  it('round-trips an agent (the write-only secret is left out when blank)', () => {
    const result = formToInput(formFromAgent(agent));
    expect(result).toEqual({
      ok: true,
      input: {
        name: 'Support bot',
        greeting: 'Hi!',
        language: 'fr',
        prompt: { type: 'single', text: 'Be kind.' },
        llm: { provider: 'openai-compatible', model: 'llama3', baseUrl: 'http://localhost:11434/v1', temperature: 0.3 },
        knowledgeBaseIds: ['b'.repeat(24)],
        memory: { enabled: true },
        supportCommands: { whisper: true, tell: false, takeover: true },
        callEscalation: { enabled: true, webhookUrl: 'https://voice.example.com/hook', voiceAgentId: 'v1' },
        escalationLadder: { enabled: false, waitSeconds: 60 },
        dormantAfterSeconds: 600,
        allowedOrigins: ['https://a.example.com', '*'],
        businessHours: null,
        tools: [],
        mcpServers: [],
        fields: [],
        approvalTimeoutSeconds: 300,
      },
    });
  });

  it('sends the model API key only when one is typed: blank keeps the stored key', () => {
    const v = formFromAgent(agent);
    expect(v).toMatchObject({ apiKey: '', hasApiKey: true });
    const kept = formToInput(v);
    expect(kept.ok && kept.input.llm).not.toHaveProperty('apiKey');
    const replaced = formToInput({ ...v, apiKey: '  sk-new  ' });
    expect(replaced.ok && replaced.input.llm).toMatchObject({ apiKey: 'sk-new' });
    const removed = formToInput({ ...v, removeApiKey: true });
    expect(removed.ok && removed.input.llm).toMatchObject({ apiKey: null });
  });

  it('defaults for a new agent are valid, with every support command on', () => {
    const v = formFromAgent();
    const result = formToInput({ ...v, name: 'New' });
    expect(result.ok && result.input.supportCommands).toEqual({ whisper: true, tell: true, takeover: true });
    expect(result.ok && result.input.llm).toEqual({ provider: 'offline', model: 'offline' });
  });

  it.each([
    [{ name: ' ' }, 'name'],
    [{ temperature: '3' }, 'temperature'],
    [{ dormantAfterSeconds: '5' }, 'dormantAfterSeconds'],
    [{ ladderWaitSeconds: '4' }, 'ladderWaitSeconds'],
    [{ ladderWaitSeconds: '1.5' }, 'ladderWaitSeconds'],
    [{ allowedOrigins: 'https://ok.example.com\nexample.com/path' }, 'allowedOrigins'],
    [{ secret: 'short' }, 'secret'],
    [{ promptType: 'multi' as const, promptJson: '{nope' }, 'promptJson'],
    [{ businessHoursJson: '{nope' }, 'businessHoursJson'],
  ])('rejects %j on %s', (change, field) => {
    const result = formToInput({ ...formFromAgent(agent), ...change });
    expect(result.ok ? null : result.field).toBe(field);
  });

  it('carries the escalation ladder both ways', () => {
    const on: AgentDto = { ...agent, escalationLadder: { enabled: true, waitSeconds: 90 } };
    const result = formToInput(formFromAgent(on));
    expect(result.ok && result.input.escalationLadder).toEqual({ enabled: true, waitSeconds: 90 });
  });

  it('edits a multi-state prompt as JSON', () => {
    const multi: AgentDto = { ...agent, prompt: { type: 'multi', start: 'greet', states: [{ name: 'greet', prompt: 'Say hi', transitions: [] }] } };
    const result = formToInput(formFromAgent(multi));
    expect(result.ok && result.input.prompt).toEqual(multi.prompt);
  });
});
