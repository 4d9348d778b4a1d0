/**
 * Builds everything that ships: the server (one CommonJS file, dependencies left external),
 * the widget (a small IIFE loader served as /widget.js, and the rest as ES modules it fetches
 * from /widget/, see scripts/widget-build.ts) and the operator console (an ES module app served
 * at /console). `--watch` rebuilds the browser bundles on change.
 */
import { build, context, type BuildOptions } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWidget, WIDGET_APP_DIR, watchWidget } from './widget-build';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const root = join(__dirname, '..');
const out = join(root, 'dist');
const production = process.env.NODE_ENV !== 'development';

export const browser: Partial<BuildOptions> = {
  bundle: true,
  minify: production,
  sourcemap: true,
  // safari15, not 14: esbuild ≥0.2x can't lower destructuring for Safari 14 (its binding bugs), and
  // socket.io's own ESM build uses destructuring, so safari14 fails the build outright.
  target: ['es2020', 'chrome90', 'firefox88', 'safari15'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
};

export const targets: Record<string, BuildOptions> = {
  server: {
    entryPoints: [join(root, 'server/src/index.ts')],
    outfile: join(out, 'server/index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  },
  console: {
    ...browser,
    entryPoints: [join(root, 'operator-console/src/main.tsx')],
    outfile: join(out, 'console/console.js'),
    format: 'esm',
  },
};

/** The widget's loader and app (the browser ring's setup builds them too). */
export const buildWidgetBundles = (overrides: Partial<BuildOptions> = {}) => buildWidget(out, { ...browser, ...overrides });

function copyStatic(): void {
  mkdirSync(join(out, 'console'), { recursive: true });
  cpSync(join(root, 'operator-console/public'), join(out, 'console'), { recursive: true });
  // uPlot's stylesheet (legend, cursor) for the Insights charts, served beside the console's own.
  cpSync(join(root, 'node_modules/uplot/dist/uPlot.min.css'), join(out, 'console/uplot.css'));
}

/** What browsers download, compressed once here so the server sends ~30 % of it at no CPU cost. */
const COMPRESSED_DIRS = [join(out, 'widget'), join(out, WIDGET_APP_DIR), join(out, 'console')];
const COMPRESSIBLE = /\.(js|css|html|svg)$/;
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` (brotli, best) and `<file>.gz` beside each browser file worth it. The
 * server sends a copy only while it is not older than the file, so a rebuild that skips this
 * (watch mode) is served as built rather than stale.
 */
export async function precompress(): Promise<void> {
  const files = COMPRESSED_DIRS.flatMap((dir) => readdirSync(dir).map((name) => join(dir, name))).filter((f) => COMPRESSIBLE.test(f) && statSync(f).size >= MIN_BYTES);
  await Promise.all(
    files.map(async (file) => {
      const bytes = readFileSync(file);
      const [br, gz] = await Promise.all([
        promisify(brotliCompress)(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
        promisify(gzip)(bytes, { level: 9 }),
      ]);
      writeFileSync(`${file}.br`, br);
      writeFileSync(`${file}.gz`, gz);
    }),
  );
}

async function main(): Promise<void> {
  const watch = process.argv.includes('--watch');
  const started = Date.now();
  copyStatic();
  if (watch) {
    await watchWidget(out, browser);
    await (await context(targets.console)).watch();
    console.log('watching widget and console…');
    return;
  }
  await Promise.all([...Object.values(targets).map((t) => build(t)), buildWidget(out, browser)]);
  await precompress();
  console.log(`built server, widget and console in ${Date.now() - started} ms`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
