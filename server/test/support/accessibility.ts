/**
 * An accessibility audit of what a page shows right now: axe-core (WCAG 2.1 A and AA, and
 * axe's best practices) run inside the page, open shadow roots included (the widget's).
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

const RULE_SETS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** One line per failing element: `rule (impact): target — help`; empty when the page passes. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so a page's CSP does not stop it.
  await page.evaluate(axe.source);
  return page.evaluate(async (runOnly) => {
    const { axe: inPage } = window as unknown as { axe: typeof axe };
    const results = await inPage.run(document, { runOnly });
    return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}): ${JSON.stringify(n.target)} — ${v.help}`));
  }, RULE_SETS);
}
