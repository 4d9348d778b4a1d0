/**
 * `@switchboard/client` as a user gets it: packed into a tarball, installed into a fresh
 * project, then imported from there (CommonJS and ES module) by a Node program that talks to
 * a real server — creates a session, sends a message on the widget socket and reads the
 * streamed reply — and type-checked by tsc against the shipped declarations.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createFakeLlmAgent } from '../support/factories';
import { httpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { installPackedPackages, type ConsumerProject } from './packed-packages';

jest.setTimeout(180_000);
const run = promisify(execFile);

// What a user writes, in both module systems; prints one JSON line for the test to check.
const PROGRAM = (importLine: string) => `${importLine}
async function main() {
  const sb = createSwitchboardClient({ baseUrl: process.env.SB_URL, token: process.env.SB_KEY });
  const { session, customerToken } = await sb.sessions.create({ agentId: process.env.SB_AGENT, customerId: 'pkg-' + process.pid });
  const widget = sb.connectWidget({ agentId: process.env.SB_AGENT, customerToken });
  const deltas = [];
  widget.on('stream:delta', (d) => deltas.push(d.text));
  const ended = new Promise((resolve) => widget.on('stream:end', resolve));
  const ack = await emitWithAck(widget, 'message:send', { clientMessageId: 'm-' + process.pid, content: 'hello from a package' });
  const end = await ended;
  let errorCode = null;
  try { await sb.agents.get('000000000000000000000000'); } catch (err) { errorCode = err instanceof SwitchboardError ? err.code : 'not a SwitchboardError'; }
  widget.close();
  console.log(JSON.stringify({ sessionId: session.id, sent: ack.message.content, streamed: deltas.join(''), final: end.message.content, status: end.status, errorCode }));
}
main().catch((err) => { console.error(err); process.exit(1); });
`;

// Compiles only if the declarations carry the server's types; each @ts-expect-error fails the build if they don't.
const TYPED = `import { createSwitchboardClient, type MessageDto, type SessionCreateInput } from '@switchboard/client';
const sb = createSwitchboardClient({ baseUrl: 'http://localhost' });
const input: SessionCreateInput = { agentId: 'a', customerId: 'c' };
export async function typed(): Promise<string> {
  const { session } = await sb.sessions.create(input);
  const messages: MessageDto[] = await sb.sessions.messages(session.id);
  // @ts-expect-error agentId is a string
  await sb.sessions.create({ agentId: 1 });
  // @ts-expect-error no such field on a session
  void session.notAField;
  return messages[0]?.content ?? session.status;
}
`;

describe('@switchboard/client from its packed tarball', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let project: ConsumerProject;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    project = await installPackedPackages(['client'], ['typescript']);
    [server, llm] = await Promise.all([startTestServer(), startFakeLlm()]);
    const agent = await createFakeLlmAgent(httpClient(server.url, server.masterKey), llm.url);
    env = { ...process.env, SB_URL: server.url, SB_KEY: server.masterKey, SB_AGENT: agent.id };
  });
  afterAll(async () => {
    await Promise.all([server?.close(), llm?.close()]);
    if (project) rmSync(project.dir, { recursive: true, force: true });
  });

  it('ships built JavaScript and declarations only, with a semver 0.x version', () => {
    const manifest = JSON.parse(readFileSync(join(project.dir, 'node_modules/@switchboard/client/package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toMatch(/^0\.\d+\.\d+$/);
    const esm = readFileSync(join(project.dir, 'node_modules/@switchboard/client/dist/index.mjs'), 'utf8');
    expect(esm).toContain('createSwitchboardClient');
    // Request types come from the zod schemas at compile time only: no zod at run time.
    expect(esm).not.toMatch(/from ["']zod["']/);
  });

  it.each([
    ['CommonJS', 'consumer.cjs', "const { createSwitchboardClient, emitWithAck, SwitchboardError } = require('@switchboard/client');"],
    ['ES module', 'consumer.mjs', "import { createSwitchboardClient, emitWithAck, SwitchboardError } from '@switchboard/client';"],
  ])('as %s: creates a session, sends a message and receives the streamed reply', async (_kind, file, importLine) => {
    writeFileSync(join(project.dir, file), PROGRAM(importLine));
    const { stdout } = await run(process.execPath, [file], { cwd: project.dir, env, timeout: 60_000 });
    const out = JSON.parse(stdout.trim()) as Record<string, string>;
    expect(out.sent).toBe('hello from a package');
    expect(out.streamed).toBe('Echo: hello from a package');
    expect(out.final).toBe('Echo: hello from a package');
    expect(out.status).toBe('complete');
    expect(out.errorCode).toBe('not_found');
  });

  it('type-checks a user program against the shipped declarations', async () => {
    writeFileSync(join(project.dir, 'typed.ts'), TYPED);
    const tsc = join(project.dir, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom', 'typed.ts'];
    const result = await run(process.execPath, [tsc, ...args], { cwd: project.dir }).then(
      () => 'no errors',
      (err: { stdout?: string }) => err.stdout ?? String(err),
    );
    expect(result).toBe('no errors');
  });
});
