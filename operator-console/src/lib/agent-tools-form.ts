/**
 * The agent editor's lists — HTTP tools, MCP servers and lead fields — as form values, and
 * their conversion to the API's body. Pure and tested. Secrets and headers are write-only:
 * blank keeps what is stored, so the form never needs to know them.
 */
import type { AgentDto, AgentToolDto, LeadFieldDto, McpServerDto } from '../../../shared/src/contract/types';

export interface ToolFormValues {
  name: string;
  description: string;
  /** The JSON Schema of the arguments, as JSON text. */
  parametersJson: string;
  url: string;
  method: 'POST' | 'GET';
  /** Write-only: blank keeps the stored secret. */
  secret: string;
  hasSecret: boolean;
  timeoutMs: string;
  approval: 'never' | 'always';
  progressLabel: string;
}

export interface McpFormValues {
  name: string;
  url: string;
  /** Write-only, as a JSON object of header → value; blank keeps the stored headers. */
  headersJson: string;
  hasHeaders: boolean;
  /** Comma- or line-separated; blank offers every tool the server lists. */
  allowedTools: string;
  approval: 'never' | 'always';
  /** What the server listed last (read-only here). */
  listed: McpServerDto['tools'];
  listedAt: string | null;
  listError: string | null;
}

export interface FieldFormValues {
  key: string;
  label: string;
  type: LeadFieldDto['type'];
  /** For `enum`: comma- or line-separated. */
  options: string;
  required: boolean;
  description: string;
  prechat: boolean;
}

/** The body's shapes (the contract of §8–§9). */
export interface ToolInput {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  http: { url: string; method: 'POST' | 'GET' };
  secret?: string;
  timeoutMs: number;
  approval: 'never' | 'always';
  progressLabel: string | null;
}
export interface McpServerInput {
  name: string;
  url: string;
  headers?: Record<string, string>;
  allowedTools: string[] | null;
  approval: 'never' | 'always';
}
export interface LeadFieldInput {
  key: string;
  label: string;
  type: LeadFieldDto['type'];
  options?: string[];
  required: boolean;
  description: string | null;
  prechat: boolean;
}

export interface ListsInput {
  tools: ToolInput[];
  mcpServers: McpServerInput[];
  fields: LeadFieldInput[];
}

/** A problem in one list item: the field path the server would name too (`tools.0.parameters`). */
export type ListsResult = { ok: true; input: ListsInput } | { ok: false; field: string; message: string };

export const DEFAULT_TOOL_TIMEOUT_MS = 10_000;
export const MAX_TOOL_TIMEOUT_MS = 30_000;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
const MCP_NAME = /^[a-zA-Z0-9_-]{1,24}$/;

export const emptyTool = (): ToolFormValues => ({
  name: '',
  description: '',
  parametersJson: JSON.stringify({ type: 'object', properties: {}, required: [] }, null, 2),
  url: '',
  method: 'POST',
  secret: '',
  hasSecret: false,
  timeoutMs: String(DEFAULT_TOOL_TIMEOUT_MS),
  approval: 'never',
  progressLabel: '',
});
export const emptyMcpServer = (): McpFormValues => ({ name: '', url: '', headersJson: '', hasHeaders: false, allowedTools: '', approval: 'never', listed: [], listedAt: null, listError: null });
export const emptyField = (): FieldFormValues => ({ key: '', label: '', type: 'string', options: '', required: false, description: '', prechat: false });

export function toolForm(t: AgentToolDto): ToolFormValues {
  return {
    name: t.name,
    description: t.description,
    parametersJson: JSON.stringify(t.parameters, null, 2),
    url: t.http.url,
    method: t.http.method,
    secret: '',
    hasSecret: t.hasSecret,
    timeoutMs: String(t.timeoutMs),
    approval: t.approval,
    progressLabel: t.progressLabel ?? '',
  };
}

export function mcpForm(m: McpServerDto): McpFormValues {
  return { name: m.name, url: m.url, headersJson: '', hasHeaders: m.hasHeaders, allowedTools: (m.allowedTools ?? []).join(', '), approval: m.approval, listed: m.tools, listedAt: m.listedAt, listError: m.error };
}

export function fieldForm(f: LeadFieldDto): FieldFormValues {
  return { key: f.key, label: f.label, type: f.type, options: (f.options ?? []).join(', '), required: f.required, description: f.description ?? '', prechat: f.prechat };
}

/** The lists' form values for an agent (empty for a new one). */
export function listsFromAgent(agent?: AgentDto): { tools: ToolFormValues[]; mcpServers: McpFormValues[]; fields: FieldFormValues[] } {
  return { tools: (agent?.tools ?? []).map(toolForm), mcpServers: (agent?.mcpServers ?? []).map(mcpForm), fields: (agent?.fields ?? []).map(fieldForm) };
}

const splitList = (text: string): string[] => text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);

function parseJsonObject(text: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : 'must be a JSON object';
  } catch {
    return 'is not valid JSON';
  }
}

function toolInput(t: ToolFormValues, i: number): ToolInput | { field: string; message: string } {
  const at = (key: string) => `tools.${i}.${key}`;
  if (!TOOL_NAME.test(t.name.trim())) return { field: at('name'), message: 'Name: 1 to 64 letters, digits, _ or -' };
  if (!t.description.trim()) return { field: at('description'), message: 'Say what the tool does: the model reads it to decide when to call it' };
  const parameters = parseJsonObject(t.parametersJson);
  if (typeof parameters === 'string') return { field: at('parameters'), message: `Parameters ${parameters}` };
  if (parameters.type !== 'object') return { field: at('parameters'), message: 'Parameters must be a JSON Schema with "type": "object"' };
  if (!/^https?:\/\/\S+$/.test(t.url.trim())) return { field: at('http.url'), message: 'URL must start with http:// or https://' };
  const timeoutMs = Number(t.timeoutMs);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > MAX_TOOL_TIMEOUT_MS) return { field: at('timeoutMs'), message: `Timeout: a whole number of milliseconds, 100 to ${MAX_TOOL_TIMEOUT_MS}` };
  const input: ToolInput = {
    name: t.name.trim(),
    description: t.description.trim(),
    parameters,
    http: { url: t.url.trim(), method: t.method },
    timeoutMs,
    approval: t.approval,
    progressLabel: t.progressLabel.trim() || null,
  };
  if (t.secret) input.secret = t.secret;
  return input;
}

function mcpInput(m: McpFormValues, i: number): McpServerInput | { field: string; message: string } {
  const at = (key: string) => `mcpServers.${i}.${key}`;
  if (!MCP_NAME.test(m.name.trim())) return { field: at('name'), message: 'Name: 1 to 24 letters, digits, _ or - (it prefixes its tools’ names)' };
  if (!/^https?:\/\/\S+$/.test(m.url.trim())) return { field: at('url'), message: 'URL must start with http:// or https://' };
  const allowed = splitList(m.allowedTools);
  const input: McpServerInput = { name: m.name.trim(), url: m.url.trim(), allowedTools: allowed.length ? allowed : null, approval: m.approval };
  if (m.headersJson.trim()) {
    const headers = parseJsonObject(m.headersJson);
    if (typeof headers === 'string') return { field: at('headers'), message: `Headers ${headers}` };
    if (Object.values(headers).some((v) => typeof v !== 'string')) return { field: at('headers'), message: 'Header values must be strings' };
    input.headers = headers as Record<string, string>;
  }
  return input;
}

function fieldInput(f: FieldFormValues, i: number): LeadFieldInput | { field: string; message: string } {
  const at = (key: string) => `fields.${i}.${key}`;
  if (!FIELD_KEY.test(f.key.trim())) return { field: at('key'), message: 'Key: a letter, then letters, digits or _ (up to 40)' };
  if (!f.label.trim()) return { field: at('label'), message: 'Label is required' };
  const input: LeadFieldInput = { key: f.key.trim(), label: f.label.trim(), type: f.type, required: f.required, description: f.description.trim() || null, prechat: f.prechat };
  if (f.type === 'enum') {
    const options = splitList(f.options);
    if (options.length === 0) return { field: at('options'), message: 'A choice field needs options' };
    input.options = options;
  }
  return input;
}

/** Checks the three lists and builds their part of the body, or names the first bad field. */
export function listsToInput(v: { tools: ToolFormValues[]; mcpServers: McpFormValues[]; fields: FieldFormValues[] }): ListsResult {
  const out: ListsInput = { tools: [], mcpServers: [], fields: [] };
  for (const [i, t] of v.tools.entries()) {
    const r = toolInput(t, i);
    if ('field' in r) return { ok: false, ...r };
    out.tools.push(r);
  }
  for (const [i, m] of v.mcpServers.entries()) {
    const r = mcpInput(m, i);
    if ('field' in r) return { ok: false, ...r };
    out.mcpServers.push(r);
  }
  for (const [i, f] of v.fields.entries()) {
    const r = fieldInput(f, i);
    if ('field' in r) return { ok: false, ...r };
    out.fields.push(r);
  }
  const seen = new Set<string>();
  for (const [i, key] of out.fields.map((f) => f.key).entries()) {
    if (seen.has(key)) return { ok: false, field: `fields.${i}.key`, message: `Two fields have the key “${key}”` };
    seen.add(key);
  }
  return { ok: true, input: out };
}

/**
 * Where a server error belongs in the form: the server names the body's path
 * (`tools.0.http.url`, `tools[0].parameters`); the form names its inputs the same way.
 */
export function formFieldOf(serverField: string): string {
  return serverField.replace(/\[(\d+)\]/g, '.$1');
}

/** Sample arguments for "Try it", from a tool's parameter schema: one placeholder per property. */
export function sampleArguments(parametersJson: string): string {
  const schema = parseJsonObject(parametersJson);
  const properties = typeof schema === 'string' ? {} : schema.properties;
  const sample: Record<string, unknown> = {};
  if (typeof properties === 'object' && properties !== null) {
    for (const [key, prop] of Object.entries(properties as Record<string, { type?: unknown; enum?: unknown[] }>)) {
      if (Array.isArray(prop?.enum) && prop.enum.length) sample[key] = prop.enum[0];
      else if (prop?.type === 'number' || prop?.type === 'integer') sample[key] = 0;
      else if (prop?.type === 'boolean') sample[key] = false;
      else sample[key] = '';
    }
  }
  return JSON.stringify(sample, null, 2);
}
