/**
 * `npm run screenshots`: takes the README's pictures of the widget and the console (and its Insights page). Starts the
 * built server on a free port with a fresh data directory, drives a short conversation, and
 * shoots both with the system's Chromium (never a downloaded one).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const root = join(__dirname, '..');
const out = join(root, 'docs/screenshots');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function shootWidget(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto(`${url}/demo`);
  await page.locator('switchboard-widget .sb-launcher').click();
  await page.locator('switchboard-widget [role=dialog]').waitFor();
  const input = page.locator('switchboard-widget textarea');
  await input.fill('How long does shipping take?');
  await input.press('Enter');
  await page.waitForTimeout(2500);
  await input.fill('Can I talk to a person?');
  await input.press('Enter');
  await page.waitForTimeout(2500);
  await page.screenshot({ path: join(out, 'widget.png') });
}

async function shootConsole(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.setViewportSize({ width: 1360, height: 820 });
  await page.goto(`${url}/console/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('session-row').first().waitFor();
  await page.getByTestId('session-row').first().click();
  await page.getByTestId('thread').waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, 'console.png') });
}

/** A visitor asks for a refund; the console shows the approval card (the demo's refund tool needs a person's approval). */
async function shootApproval(visitor: Page, page: Page, url: string): Promise<void> {
  await visitor.goto(`${url}/demo`);
  await visitor.locator('switchboard-widget .sb-launcher').click();
  const input = visitor.locator('switchboard-widget textarea');
  await input.fill('Where is order 1234?');
  await input.press('Enter');
  await visitor.waitForTimeout(2000);
  await input.fill('It arrived damaged. Please refund order 1234.');
  await input.press('Enter');
  await page.setViewportSize({ width: 1360, height: 820 });
  await page.goto(`${url}/console/sessions?approvalPending=true`);
  await page.getByTestId('session-row').first().click();
  await page.getByTestId('approval-card').waitFor();
  await page.getByTestId('pending-approval-jump').click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, 'approval.png') });
}

async function takeOverLatest(url: string, email: string, password: string): Promise<void> {
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const { token } = (await (await post('/v1/auth/login', { email, password })).json()) as { token: string };
  const list = (await (await fetch(`${url}/v1/chat/sessions?limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { sessions: { id: string }[] };
  const [latest] = list.sessions;
  if (!latest) throw new Error('no session to take over');
  const res = await post(`/v1/chat/sessions/${latest.id}/takeover`, {}, token);
  if (!res.ok) throw new Error(`takeover: ${res.status}`);
}

/** The person answers the taken-over conversation and closes it; the Insights page then has a handoff to learn from. */
async function shootInsights(page: Page, url: string, email: string, password: string): Promise<void> {
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${((await (await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).json()) as { token: string }).token}` };
  const { sessions } = (await (await fetch(`${url}/v1/chat/sessions?mode=support&limit=1`, { headers: auth })).json()) as { sessions: { id: string }[] };
  const [held] = sessions;
  if (held) {
    await fetch(`${url}/v1/chat/sessions/${held.id}/tell`, { method: 'POST', headers: auth, body: JSON.stringify({ content: 'Standard shipping takes 2–3 working days; express arrives the next day if you order by 2 pm.' }) });
    await fetch(`${url}/v1/chat/sessions/${held.id}/close`, { method: 'POST', headers: auth, body: '{}' });
  }
  // Tall enough for the whole page: a full-page shot would repeat the sticky header mid-page.
  await page.setViewportSize({ width: 1360, height: 1900 });
  await page.goto(`${url}/console/insights`);
  await page.getByTestId('chart-rate').locator('canvas').waitFor();
  await page.getByTestId('handoff-item').first().waitFor();
  await page.getByTestId('teach').first().click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, 'insights.png') });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-shots-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(root, 'dist/server/index.js')], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', OFFLINE_WORD_DELAY_MS: '30' }, stdio: 'ignore' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await waitReady(url);
    const creds = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { adminEmail: string; adminPassword: string };
    const visitor = await browser.newPage();
    await shootWidget(visitor, url);
    // The admin takes the conversation over and the visitor writes again: the console then shows
    // the help request, the hand-over and a customer awaiting a reply.
    await takeOverLatest(url, creds.adminEmail, creds.adminPassword);
    await visitor.locator('switchboard-widget textarea').fill('Thanks! Is someone there?');
    await visitor.locator('switchboard-widget textarea').press('Enter');
    await visitor.waitForTimeout(800);
    const consolePage = await browser.newPage();
    await shootConsole(consolePage, url, creds.adminEmail, creds.adminPassword);
    await shootApproval(await browser.newPage(), consolePage, url);
    await shootInsights(consolePage, url, creds.adminEmail, creds.adminPassword);
    console.log(`screenshots written to ${out}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
