/**
 * Builds the publishable packages into packages/<name>/dist: an ES module and a CommonJS file
 * bundled by esbuild from the same sources the repository uses (dependencies and peers left
 * external), and TypeScript declarations emitted by tsc. `npm pack` in a package folder then
 * makes the tarball users install.
 *
 *   npm run build:packages            # both
 *   npm run build:packages -- client  # one
 */
import { build, type BuildOptions } from 'esbuild';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const PACKAGES = ['client', 'react'] as const;
export type PackageName = (typeof PACKAGES)[number];

const root = join(__dirname, '..');

/** Builds one package; returns its folder. */
export async function buildPackage(name: PackageName): Promise<string> {
  const dir = join(__dirname, name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
  const external = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})].flatMap((dep) => [dep, `${dep}/*`]);
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const common: BuildOptions = { entryPoints: [join(dir, 'src/index.ts')], bundle: true, platform: 'neutral', target: 'es2020', external, sourcemap: true, logLevel: 'warning' };
  await Promise.all([
    build({ ...common, format: 'esm', outfile: join(dir, 'dist/index.mjs') }),
    build({ ...common, format: 'cjs', outfile: join(dir, 'dist/index.cjs') }),
  ]);
  await promisify(execFile)(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')]);
  return dir;
}

if (require.main === module) {
  const wanted = process.argv.slice(2);
  const names = PACKAGES.filter((p) => wanted.length === 0 || wanted.includes(p));
  (async () => {
    for (const name of names) console.log(`built ${await buildPackage(name)}`);
  })().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
