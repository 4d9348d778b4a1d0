import type { AgentToolDto } from '../../../shared/src/contract/types';
import type { KnowledgeBaseSummary } from '../lib/api';
import type { AgentFormValues, FormField } from '../lib/agent-form';
import { CHAT_LANGUAGES, type ChatLanguage } from '../../../shared/src/languages';
import { Fieldset, TextField, Toggle } from './Field';
import { LeadFieldsEditor } from './LeadFieldsEditor';
import { McpServersEditor } from './McpServersEditor';
import { ToolsEditor } from './ToolsEditor';

const LANGUAGE_NAMES: Record<ChatLanguage, string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', pt: 'Português (Brasil)', it: 'Italiano', nl: 'Nederlands' };

export interface AgentFormProps {
  values: AgentFormValues;
  set: <K extends keyof AgentFormValues>(key: K, value: AgentFormValues[K]) => void;
  /** Where the problem is: a value (`name`) or a list item's (`tools.0.parameters`). */
  errorField: FormField | null;
  errorText: string | null;
  knowledgeBases: KnowledgeBaseSummary[];
  /** The saved agent's id and tools ("Try it" and "Refresh tools" need a saved agent). */
  agentId: string | null;
  savedTools: AgentToolDto[];
}

type SectionProps = AgentFormProps;

function err(p: SectionProps, key: FormField): string | null {
  return p.errorField === key ? p.errorText : null;
}

function Basics(p: SectionProps) {
  const v = p.values;
  return (
    <Fieldset title="Basics">
      <TextField label="Name" testId="agent-name" required value={v.name} onValue={(x) => p.set('name', x)} error={err(p, 'name')} />
      <TextField label="Greeting" testId="agent-greeting" rows={Math.max(3, Math.ceil(v.greeting.length / 60) + 1)} value={v.greeting} onValue={(x) => p.set('greeting', x)} hint="The first message a visitor sees in the widget." />
      <label class="field">
        <span class="field__label">Language of notices</span>
        <select class="input" data-testid="agent-language" value={v.language} onChange={(e) => p.set('language', e.currentTarget.value as ChatLanguage)}>
          {CHAT_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
        <span class="field__hint">What Switchboard itself tells this agent's customers: a reply that failed, a person joining, when the team is back.</span>
      </label>
      {v.promptType === 'single' ? (
        <TextField label="Prompt" testId="agent-prompt" rows={6} value={v.promptText} onValue={(x) => p.set('promptText', x)} hint="The system prompt: who the agent is and how it answers." />
      ) : (
        <TextField label="Prompt states (JSON)" testId="agent-prompt-json" rows={10} value={v.promptJson} onValue={(x) => p.set('promptJson', x)} error={err(p, 'promptJson')} hint="A multi-state prompt: {start, states: [{name, prompt, transitions}]}" />
      )}
      <TextField label="Dormant after (seconds)" testId="agent-dormant" type="number" value={v.dormantAfterSeconds} onValue={(x) => p.set('dormantAfterSeconds', x)} error={err(p, 'dormantAfterSeconds')} hint="A conversation with no message for this long becomes dormant." />
    </Fieldset>
  );
}

function Model(p: SectionProps) {
  const v = p.values;
  return (
    <Fieldset title="Model">
      <label class="field">
        <span class="field__label">Provider</span>
        <select class="input" data-testid="agent-provider" value={v.provider} onChange={(e) => p.set('provider', e.currentTarget.value as AgentFormValues['provider'])}>
          <option value="offline">Offline (built-in, no API key)</option>
          <option value="openai">OpenAI</option>
          <option value="openai-compatible">OpenAI-compatible (vLLM, Ollama, LiteLLM…)</option>
        </select>
      </label>
      <TextField label="Model" testId="agent-model" value={v.model} onValue={(x) => p.set('model', x)} error={err(p, 'model')} />
      <TextField label="Base URL" testId="agent-base-url" type="url" value={v.baseUrl} onValue={(x) => p.set('baseUrl', x)} placeholder="https://…/v1" hint="Only for OpenAI-compatible servers." />
      <TextField
        label="API key"
        testId="agent-api-key"
        type="password"
        value={v.apiKey}
        onValue={(x) => p.set('apiKey', x)}
        hint={v.hasApiKey ? 'A key is set for this endpoint. Leave blank to keep it.' : "For a server that needs one. Sent only to this endpoint, stored encrypted. Without one, OpenAI's own endpoint uses OPENAI_API_KEY."}
      />
      {v.hasApiKey && <Toggle label="Remove the stored key" testId="agent-api-key-remove" checked={v.removeApiKey} onChecked={(x) => p.set('removeApiKey', x)} />}
      <TextField label="Temperature" testId="agent-temperature" type="number" step="0.1" value={v.temperature} onValue={(x) => p.set('temperature', x)} error={err(p, 'temperature')} hint="0 to 2; blank for the model's default." />
    </Fieldset>
  );
}

function Knowledge(p: SectionProps) {
  const v = p.values;
  const toggle = (id: string, on: boolean): void => p.set('knowledgeBaseIds', on ? [...v.knowledgeBaseIds, id] : v.knowledgeBaseIds.filter((x) => x !== id));
  return (
    <Fieldset title="Knowledge & memory">
      {p.knowledgeBases.length === 0 ? (
        <p class="muted small">No knowledge bases yet.</p>
      ) : (
        <div class="checklist" data-testid="agent-knowledge">
          {p.knowledgeBases.map((kb) => (
            <label key={kb.id} class="check">
              <input type="checkbox" checked={v.knowledgeBaseIds.includes(kb.id)} onChange={(e) => toggle(kb.id, e.currentTarget.checked)} />
              {kb.name} <span class="muted small">({kb.documentCount} docs)</span>
            </label>
          ))}
        </div>
      )}
      <Toggle label="Memory" testId="agent-memory" checked={v.memory} onChecked={(x) => p.set('memory', x)} hint="Give the model summaries of the customer's earlier conversations." />
    </Fieldset>
  );
}

function Support(p: SectionProps) {
  const v = p.values;
  return (
    <Fieldset title="Support commands">
      <Toggle label="Whisper" testId="agent-cmd-whisper" checked={v.whisper} onChecked={(x) => p.set('whisper', x)} hint="Operators may guide the AI privately." />
      <Toggle label="Tell" testId="agent-cmd-tell" checked={v.tell} onChecked={(x) => p.set('tell', x)} hint="Operators may write to the customer alongside the AI." />
      <Toggle label="Takeover" testId="agent-cmd-takeover" checked={v.takeover} onChecked={(x) => p.set('takeover', x)} hint="Operators may take the conversation over (and release it)." />
    </Fieldset>
  );
}

function Escalation(p: SectionProps) {
  const v = p.values;
  return (
    <Fieldset title="Escalation">
      <Toggle label="Offer phone calls" testId="agent-call-enabled" checked={v.callEnabled} onChecked={(x) => p.set('callEnabled', x)} />
      <TextField label="Voice webhook URL" testId="agent-call-webhook" type="url" value={v.webhookUrl} onValue={(x) => p.set('webhookUrl', x)} />
      <TextField label="Webhook secret" testId="agent-call-secret" type="password" value={v.secret} onValue={(x) => p.set('secret', x)} error={err(p, 'secret')} hint={v.hasSecret ? 'A secret is set. Leave blank to keep it.' : 'At least 16 characters; signs each request (HMAC-SHA256).'} />
      <TextField label="Voice agent ID" testId="agent-call-voice-agent" value={v.voiceAgentId} onValue={(x) => p.set('voiceAgentId', x)} />
      <Toggle label="Escalation ladder" testId="agent-ladder-enabled" checked={v.ladderEnabled} onChecked={(x) => p.set('ladderEnabled', x)} hint="When help was requested and nobody has taken over, the AI tells the customer so (at once when no one is online or outside business hours) and offers a call if calls are on." />
      <TextField label="Wait before saying so (seconds)" testId="agent-ladder-wait" type="number" value={v.ladderWaitSeconds} onValue={(x) => p.set('ladderWaitSeconds', x)} error={err(p, 'ladderWaitSeconds')} hint="5 to 86400." />
    </Fieldset>
  );
}

function Widget(p: SectionProps) {
  return (
    <Fieldset title="Widget">
      <TextField
        label="Business hours (JSON)"
        testId="agent-business-hours"
        rows={4}
        value={p.values.businessHoursJson}
        onValue={(x) => p.set('businessHoursJson', x)}
        error={err(p, 'businessHoursJson')}
        placeholder='{"timezone": "Europe/Paris", "weekly": {"mon": [["09:00", "17:30"]]}, "holidays": ["2026-12-25"]}'
        hint="When people answer help requests; outside them customers are told when the team is back. Blank: always."
      />
      <TextField label="Allowed origins" testId="agent-origins" rows={3} value={p.values.allowedOrigins} onValue={(x) => p.set('allowedOrigins', x)} error={err(p, 'allowedOrigins')} placeholder="https://www.example.com" hint="Sites that may embed the widget, one per line; * for any site." />
    </Fieldset>
  );
}

function Approvals(p: SectionProps) {
  return (
    <Fieldset title="Approvals">
      <TextField
        label="Approval wait (seconds)"
        testId="agent-approval-timeout"
        type="number"
        value={p.values.approvalTimeoutSeconds}
        onValue={(x) => p.set('approvalTimeoutSeconds', x)}
        error={err(p, 'approvalTimeoutSeconds')}
        hint="How long a tool call that needs approval waits for a person; then it is denied and the AI says so."
      />
    </Fieldset>
  );
}

/** Every agent setting, in sections. */
export function AgentForm(p: AgentFormProps) {
  return (
    <div class="form-grid">
      <Basics {...p} />
      <Model {...p} />
      <Knowledge {...p} />
      <Support {...p} />
      <Escalation {...p} />
      <Widget {...p} />
      <ToolsEditor items={p.values.tools} onItems={(x) => p.set('tools', x)} error={(path) => err(p, path)} agentId={p.agentId} saved={p.savedTools} />
      <McpServersEditor items={p.values.mcpServers} onItems={(x) => p.set('mcpServers', x)} error={(path) => err(p, path)} agentId={p.agentId} />
      <LeadFieldsEditor items={p.values.fields} onItems={(x) => p.set('fields', x)} error={(path) => err(p, path)} />
      <Approvals {...p} />
    </div>
  );
}
