/**
 * Builds everything that ships: the server (one CommonJS file, dependencies left external),
 * the widget (one IIFE file served as /widget.js) and the operator console (an ES module app
 * served at /console). `--watch` rebuilds the browser bundles on change.
 */
import { build, context, type BuildOptions } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const out = join(root, 'dist');
const production = process.env.NODE_ENV !== 'development';

const browser: Partial<BuildOptions> = {
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
  widget: {
    ...browser,
    entryPoints: [join(root, 'widget/src/index.tsx')],
    outfile: join(out, 'widget/widget.js'),
    format: 'iife',
  },
  console: {
    ...browser,
    entryPoints: [join(root, 'operator-console/src/main.tsx')],
    outfile: join(out, 'console/console.js'),
    format: 'esm',
  },
};

function copyStatic(): void {
  mkdirSync(join(out, 'console'), { recursive: true });
  cpSync(join(root, 'operator-console/public'), join(out, 'console'), { recursive: true });
}

async function main(): Promise<void> {
  const watch = process.argv.includes('--watch');
  const started = Date.now();
  copyStatic();
  if (watch) {
    for (const name of ['widget', 'console']) await (await context(targets[name])).watch();
    console.log('watching widget and console…');
    return;
  }
  await Promise.all(Object.values(targets).map((t) => build(t)));
  console.log(`built server, widget and console in ${Date.now() - started} ms`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
