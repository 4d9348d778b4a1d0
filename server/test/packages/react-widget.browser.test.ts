/**
 * `@switchboard/react` in Chromium, installed from its packed tarball and bundled the way an
 * app would (esbuild, from the consumer project's node_modules): `<Switchboard>` loads the real
 * widget.js from a real server, `useSwitchboard()` reports `ready`, its `open()` opens the
 * panel and `onOpen` fires; unmounting removes the subscriptions.
 */
import { build, stop as stopEsbuild } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeWithBrowser, launchBrowser } from '../support/browser';
import { createAgent } from '../support/factories';
import { httpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { installPackedPackages, type ConsumerProject } from './packed-packages';

jest.setTimeout(180_000);

const W = 'switchboard-widget';

// A user's app, written against the package's public API only.
const APP = `
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Switchboard, useSwitchboard } from '@switchboard/react';

function Help() {
  const sb = useSwitchboard();
  return h('div', null,
    h('button', { id: 'help', onClick: () => sb.open() }, 'Help'),
    h('span', { id: 'ready' }, String(sb.ready)));
}
function App() {
  const [opened, setOpened] = useState(0);
  const [mounted, setMounted] = useState(true);
  return h('div', null,
    mounted ? h(Switchboard, { baseUrl: window.SB_URL, agentId: window.SB_AGENT, title: 'React help', onOpen: () => setOpened((n) => n + 1) }) : null,
    h(Help),
    h('span', { id: 'opened' }, String(opened)),
    h('button', { id: 'unmount', onClick: () => setMounted(false) }, 'Unmount'));
}
createRoot(document.getElementById('root')).render(h(App));
`;

describeWithBrowser('@switchboard/react in Chromium (packed tarball)', () => {
  let server: TestServer;
  let project: ConsumerProject;
  let browser: Browser;
  let page: Page;
  let bundle: string;
  let agentId: string;

  beforeAll(async () => {
    project = await installPackedPackages(['react'], ['react', 'react-dom']);
    writeFileSync(join(project.dir, 'app.mjs'), APP);
    const out = await build({ entryPoints: [join(project.dir, 'app.mjs')], bundle: true, write: false, format: 'iife', define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'error' });
    bundle = out.outputFiles[0].text;
    await stopEsbuild();
    server = await startTestServer();
    agentId = (await createAgent(httpClient(server.url, server.masterKey))).id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (project) rmSync(project.dir, { recursive: true, force: true });
  });

  it('loads the widget, reports ready, opens it from the hook and calls onOpen', async () => {
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // The app is served from the server's origin, as a site hosting its own bundle would.
    await page.route(`${server.url}/react-app/**`, (route) =>
      route.request().url().endsWith('.js')
        ? route.fulfill({ contentType: 'text/javascript', body: bundle })
        : route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><body><div id="root"></div><script>window.SB_URL=${JSON.stringify(server.url)};window.SB_AGENT=${JSON.stringify(agentId)}</script><script src="app.js"></script></body></html>` }),
    );
    await page.goto(`${server.url}/react-app/`);
    await expect(page.locator('#ready').filter({ hasText: 'true' }).waitFor()).resolves.toBeUndefined();
    expect(await page.locator('script#switchboard-widget-script').getAttribute('data-agent')).toBe(agentId);
    await page.locator(`${W} .sb-launcher`).waitFor();

    await page.click('#help');
    await page.locator(`${W} [role=dialog]`).waitFor();
    await page.locator('#opened').filter({ hasText: '1' }).waitFor();

    // After unmount, onOpen is no longer called.
    await page.click('#unmount');
    await page.evaluate(() => (window as unknown as { Switchboard: (c: string) => void }).Switchboard('toggle'));
    await page.evaluate(() => (window as unknown as { Switchboard: (c: string) => void }).Switchboard('toggle'));
    await page.waitForTimeout(200);
    expect(await page.locator('#opened').innerText()).toBe('1');
    expect(errors).toEqual([]);
    await page.close();
  });
});
