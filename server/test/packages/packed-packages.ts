/**
 * Installs the publishable packages as a user does: `npm pack` each one, then
 * `npm install <tarball>` into a fresh project in a temp dir. The machine is offline, so the
 * packages' dependencies (and react for the React package) are first copied into the
 * project's node_modules from the repository's, where npm finds them already satisfied.
 */
import { stop as stopEsbuild } from 'esbuild';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { buildPackage, type PackageName } from '../../../packages/build';

const repoRoot = join(__dirname, '../../..');
const run = promisify(execFile);

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Where Node would find `name` from `fromDir` (node_modules folders, walking up). */
function locate(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} is not installed in the repository`);
  }
}

/** Copies `names` and everything they need (dependencies and required peers) into `target`. */
function copyClosure(names: string[], target: string): void {
  const seen = new Set<string>();
  const queue = names.map((name) => ({ name, from: repoRoot }));
  while (queue.length) {
    const { name, from } = queue.shift() as { name: string; from: string };
    if (seen.has(name)) continue;
    seen.add(name);
    const dir = locate(name, from);
    cpSync(dir, join(target, 'node_modules', name), { recursive: true, dereference: true });
    const m = readManifest(dir);
    const peers = Object.keys(m.peerDependencies ?? {}).filter((p) => !m.peerDependenciesMeta?.[p]?.optional);
    for (const dep of [...Object.keys(m.dependencies ?? {}), ...peers]) queue.push({ name: dep, from: dir });
  }
}

export interface ConsumerProject {
  dir: string;
  /** The tarballs installed, by package. */
  tarballs: Record<string, string>;
}

/**
 * Builds and packs `packages`, and installs the tarballs into a new project that also has
 * `extra` (e.g. react, react-dom, typescript for a type check) available.
 */
export async function installPackedPackages(packages: PackageName[], extra: string[] = []): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-consumer-'));
  const tarballs: Record<string, string> = {};
  const deps: string[] = [...extra];
  for (const name of packages) {
    const pkgDir = await buildPackage(name);
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: pkgDir });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    tarballs[name] = join(dir, packed.filename);
    const m = readManifest(pkgDir);
    deps.push(...Object.keys(m.dependencies ?? {}), ...Object.keys(m.peerDependencies ?? {}));
  }
  // esbuild's service process would keep jest from exiting; it restarts if built with again.
  await stopEsbuild();
  // The extras are the consumer's own dependencies (else npm prunes them as extraneous).
  const own = Object.fromEntries(extra.map((name) => [name, readManifest(locate(name, repoRoot)).version]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies: own }));
  copyClosure(deps, dir);
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...Object.values(tarballs)], { cwd: dir });
  return { dir, tarballs };
}
