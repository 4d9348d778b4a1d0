/**
 * Jest `globalSetup` of the browser ring: builds the widget and the console from the current
 * sources into dist/, where the test servers serve them, once before any browser suite runs.
 * Suites used to build them each in their own beforeAll; running side by side, one suite's
 * page could load a bundle another was half-way through writing.
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildWidgetBundles, precompress, targets } from '../../../scripts/build';

export default async function buildClientBundles(): Promise<void> {
  const root = join(__dirname, '../../..');
  mkdirSync(join(root, 'dist/console'), { recursive: true });
  cpSync(join(root, 'operator-console/public'), join(root, 'dist/console'), { recursive: true });
  // The console unminified, so a failing browser test points at readable code.
  await Promise.all([build({ ...targets.console, minify: false, logLevel: 'error' }), buildWidgetBundles({ logLevel: 'error' })]);
  // Browsers get the compressed copies, as in production.
  await precompress();
}
