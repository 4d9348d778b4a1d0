/**
 * `@switchboard/react` renders on the server: installed from its packed tarball into a fresh
 * project, `<Switchboard>` and `useSwitchboard()` go through react-dom/server's
 * renderToString in plain Node (no `window`, no `document`) from both module systems,
 * render nothing of their own, and leave no browser global behind; and a user component
 * type-checks against the shipped declarations.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installPackedPackages, type ConsumerProject } from './packed-packages';

jest.setTimeout(180_000);
const run = promisify(execFile);

const RENDER = `
function Help() {
  const sb = useSwitchboard();
  return React.createElement('button', { onClick: () => sb.open() }, 'Help ' + sb.unread + ' ' + sb.ready);
}
const tree = React.createElement('main', null,
  React.createElement(Switchboard, { baseUrl: 'https://chat.example.com', agentId: 'a1', customerId: 'u1', onOpen: () => undefined }),
  React.createElement(Help));
const html = renderToString(tree);
console.log(JSON.stringify({ html, window: typeof window, document: typeof document, stub: typeof globalThis.Switchboard }));
`;

// Compiles only if the shipped declarations type the props and the hook; each @ts-expect-error fails the build if not.
const TYPED = `import { Switchboard, useSwitchboard, type MessageDto } from '@switchboard/react';
export function Page() {
  const sb = useSwitchboard();
  const unread: number = sb.unread;
  sb.on('message', (m: MessageDto) => m.content);
  // @ts-expect-error not a widget event
  sb.on('nope', () => undefined);
  // @ts-expect-error agentId is required
  const missing = <Switchboard baseUrl="https://chat.example.com" />;
  return <main>{missing}<Switchboard baseUrl="https://chat.example.com" agentId="a1" onUnread={(n) => n + unread} /></main>;
}
`;

describe('@switchboard/react on the server (packed tarball)', () => {
  let project: ConsumerProject;

  beforeAll(async () => {
    project = await installPackedPackages(['react'], ['react', 'react-dom', '@types/react', 'typescript']);
  });
  afterAll(() => {
    if (project) rmSync(project.dir, { recursive: true, force: true });
  });

  it.each([
    ['CommonJS', 'ssr.cjs', "const React = require('react'); const { renderToString } = require('react-dom/server'); const { Switchboard, useSwitchboard } = require('@switchboard/react');"],
    ['ES module', 'ssr.mjs', "import React from 'react'; import { renderToString } from 'react-dom/server'; import { Switchboard, useSwitchboard } from '@switchboard/react';"],
  ])('as %s: renderToString works without window and renders only the page', async (_kind, file, imports) => {
    writeFileSync(join(project.dir, file), `${imports}\n${RENDER}`);
    const { stdout } = await run(process.execPath, [file], { cwd: project.dir });
    const out = JSON.parse(stdout.trim()) as Record<string, string>;
    expect(out).toEqual({ html: '<main><button>Help 0 false</button></main>', window: 'undefined', document: 'undefined', stub: 'undefined' });
  });

  it('type-checks a user component against the shipped declarations', async () => {
    writeFileSync(join(project.dir, 'typed.tsx'), TYPED);
    const tsc = join(project.dir, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--jsx', 'react-jsx', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom', 'typed.tsx'];
    const result = await run(process.execPath, [tsc, ...args], { cwd: project.dir }).then(
      () => 'no errors',
      (err: { stdout?: string }) => err.stdout ?? String(err),
    );
    expect(result).toBe('no errors');
  });
});
