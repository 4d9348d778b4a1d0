/**
 * Real headless Chromium for the browser ring (`*.browser.test.ts`), through playwright-core
 * and a Chromium already on the machine (CHROMIUM_PATH, default /usr/bin/chromium) — nothing
 * is downloaded. Without Chromium a browser suite is reported as skipped, loudly; with
 * REQUIRE_ALL_SUITES=1 (CI) a missing Chromium fails the run instead.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

/** Where Chromium is expected. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, deterministic Chromium in containers and CI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** True when a Chromium binary exists at CHROMIUM_PATH. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Launches headless Chromium; close it in afterAll. */
export function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ...options });
}

/**
 * `describe` for suites that need Chromium. When it is missing the suite is registered as
 * skipped with a plain message — or, under REQUIRE_ALL_SUITES=1, fails so CI can't go green
 * without having run it.
 */
export function describeWithBrowser(name: string, fn: () => void): void {
  const ok = chromiumAvailable();
  if (!ok && process.env.REQUIRE_ALL_SUITES === '1') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`Chromium not installed at ${CHROMIUM_PATH} and REQUIRE_ALL_SUITES=1: browser suite "${name}" must run`);
      });
    });
    return;
  }
  if (!ok) console.warn(`Chromium not installed at ${CHROMIUM_PATH}: browser suite "${name}" not run`);
  const describeOrSkip = ok ? describe : describe.skip;
  describeOrSkip(name, fn);
}

/** Signs in to the operator console as a person does, and waits for the session log. */
export async function signInToConsole(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console\/sessions/);
}
