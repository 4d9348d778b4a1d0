import type { AgentDto, AgentToolDto, McpServerDto } from '../../shared/src/contract/types';
import { formFromAgent, formToInput } from '../src/lib/agent-form';
import { emptyField, emptyTool, formFieldOf, listsFromAgent, listsToInput, sampleArguments } from '../src/lib/agent-tools-form';
import { leadFieldRows } from '../src/lib/lead-fields';

const tool: AgentToolDto = {
  name: 'lookup_order',
  description: 'Looks up an order',
  parameters: { type: 'object', properties: { orderId: { type: 'string' }, express: { type: 'boolean' } }, required: ['orderId'] },
  http: { url: 'https://shop.example.com/orders/status', method: 'POST' },
  hasSecret: true,
  timeoutMs: 5000,
  approval: 'never',
  progressLabel: 'Checking your order…',
};
const mcp: McpServerDto = { name: 'crm', url: 'https://mcp.example.com/mcp', hasHeaders: true, allowedTools: ['find_contact'], approval: 'always', tools: [{ name: 'find_contact', description: 'Finds a contact' }], listedAt: '2026-01-01T00:00:00.000Z', error: null };
const lists = (over: Partial<AgentDto> = {}) => listsFromAgent({ tools: [tool], mcpServers: [mcp], fields: [], ...over } as unknown as AgentDto);

describe('agent tools, MCP servers and fields in the form', () => {
  it('round-trips a tool and an MCP server; the secret and headers are left out when blank (kept)', () => {
    const result = listsToInput(lists());
    expect(result).toEqual({
      ok: true,
      input: {
        tools: [{ name: 'lookup_order', description: 'Looks up an order', parameters: tool.parameters, http: tool.http, timeoutMs: 5000, approval: 'never', progressLabel: 'Checking your order…' }],
        mcpServers: [{ name: 'crm', url: 'https://mcp.example.com/mcp', allowedTools: ['find_contact'], approval: 'always' }],
        fields: [],
      },
    });
  });

  it('sends a secret or headers only when typed', () => {
    const v = lists();
    v.tools[0].secret = 'a-new-secret-of-enough-length';
    v.mcpServers[0].headersJson = '{"Authorization": "Bearer x"}';
    const result = listsToInput(v);
    expect(result.ok && result.input.tools[0].secret).toBe('a-new-secret-of-enough-length');
    expect(result.ok && result.input.mcpServers[0].headers).toEqual({ Authorization: 'Bearer x' });
  });

  it.each([
    ['tools.0.name', (v: ReturnType<typeof lists>) => (v.tools[0].name = 'has space')],
    ['tools.0.parameters', (v: ReturnType<typeof lists>) => (v.tools[0].parametersJson = '{"type": ')],
    ['tools.0.parameters', (v: ReturnType<typeof lists>) => (v.tools[0].parametersJson = '{"type": "string"}')],
    ['tools.0.http.url', (v: ReturnType<typeof lists>) => (v.tools[0].url = 'ftp://x')],
    ['tools.0.timeoutMs', (v: ReturnType<typeof lists>) => (v.tools[0].timeoutMs = '60000')],
    ['mcpServers.0.headers', (v: ReturnType<typeof lists>) => (v.mcpServers[0].headersJson = '["x"]')],
  ])('names the bad field %s', (field, spoil) => {
    const v = lists();
    spoil(v);
    expect(listsToInput(v)).toMatchObject({ ok: false, field });
  });

  it('checks lead fields: keys, labels, enum options, no two with one key', () => {
    const email = { ...emptyField(), key: 'email', label: 'E-mail', type: 'email' as const, required: true };
    const plan = { ...emptyField(), key: 'plan', label: 'Plan', type: 'enum' as const, options: 'free, pro,\nteam' };
    const ok = listsToInput({ tools: [], mcpServers: [], fields: [email, plan] });
    expect(ok.ok && ok.input.fields).toEqual([
      { key: 'email', label: 'E-mail', type: 'email', required: true, description: null, prechat: false },
      { key: 'plan', label: 'Plan', type: 'enum', options: ['free', 'pro', 'team'], required: false, description: null, prechat: false },
    ]);
    expect(listsToInput({ tools: [], mcpServers: [], fields: [{ ...plan, options: '' }] })).toMatchObject({ ok: false, field: 'fields.0.options' });
    expect(listsToInput({ tools: [], mcpServers: [], fields: [email, email] })).toMatchObject({ ok: false, field: 'fields.1.key' });
    expect(listsToInput({ tools: [], mcpServers: [], fields: [{ ...email, label: ' ' }] })).toMatchObject({ ok: false, field: 'fields.0.label' });
  });

  it('a new tool is not valid until it has a name, a description and a URL', () => {
    expect(listsToInput({ tools: [emptyTool()], mcpServers: [], fields: [] })).toMatchObject({ ok: false, field: 'tools.0.name' });
  });

  it('the whole form names a list problem and checks the approval wait', () => {
    const v = { ...formFromAgent(), name: 'A', ...lists() };
    v.tools[0].url = '';
    expect(formToInput(v)).toMatchObject({ ok: false, field: 'tools.0.http.url' });
    expect(formToInput({ ...formFromAgent(), name: 'A', approvalTimeoutSeconds: '0' })).toMatchObject({ ok: false, field: 'approvalTimeoutSeconds' });
  });

  it('reads the server’s field paths as the form names them', () => {
    expect(formFieldOf('tools[0].parameters')).toBe('tools.0.parameters');
    expect(formFieldOf('tools.1.http.url')).toBe('tools.1.http.url');
  });

  it('suggests sample arguments from the parameter schema', () => {
    expect(JSON.parse(sampleArguments(JSON.stringify(tool.parameters)))).toEqual({ orderId: '', express: false });
    expect(sampleArguments('not json')).toBe('{}');
  });
});

describe('leadFieldRows', () => {
  it('lists the defined fields in order with labels, then values of fields no longer defined', () => {
    const defs = [
      { key: 'name', label: 'Name', type: 'string' as const, required: true, description: null, prechat: true },
      { key: 'email', label: 'E-mail', type: 'email' as const, required: true, description: null, prechat: false },
      { key: 'newsletter', label: 'Newsletter', type: 'boolean' as const, required: false, description: null, prechat: false },
    ];
    expect(leadFieldRows(defs, { email: 'ada@example.com', newsletter: false, company: 'Acme' })).toEqual([
      { key: 'name', label: 'Name', value: null, required: true },
      { key: 'email', label: 'E-mail', value: 'ada@example.com', required: true },
      { key: 'newsletter', label: 'Newsletter', value: 'No', required: false },
      { key: 'company', label: 'company', value: 'Acme', required: false },
    ]);
  });
});
