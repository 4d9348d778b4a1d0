/**
 * `@switchboard/react` renders on the server: installed from its packed tarball into a fresh
 * project, `<Switchboard>` and `useSwitchboard()` go through react-dom/server's
 * renderToString in plain Node (no `window`, no `document`) from both module systems,
 * render nothing of their own, and leave no browser global behind.
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

describe('@switchboard/react on the server (packed tarball)', () => {
  let project: ConsumerProject;

  beforeAll(async () => {
    project = await installPackedPackages(['react'], ['react', 'react-dom']);
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
});
