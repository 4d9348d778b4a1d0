/**
 * Sums a CPU profile (`BENCH_CPU_PROF` writes them) by package and by function, self time,
 * idle left out, optionally from `--skip` seconds in (start-up and warm-up):
 *
 *   npx tsx scripts/bench/relay-latency/profile-summary.ts <file.cpuprofile> [--skip 20] [--top 40]
 *
 * Under load the profile's times are wall time between samples, so compare shares, not totals.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to (the innermost node_modules), else its path's last parts. */
function packageOf(url: string): string {
  if (!url) return '(native)';
  const inPackages = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (inPackages) return (inPackages[inPackages.length - 1] as string).replace('node_modules/', '');
  return url.startsWith('node:') ? url : url.split('/').slice(-2).join('/');
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { skip: { type: 'string', default: '0' }, top: { type: 'string', default: '40' } } });
  const file = positionals[0];
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--skip seconds] [--top n]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const skipUs = Number(values.skip) * 1e6;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let elapsed = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    elapsed += dt;
    const frame = nodes.get(id)?.callFrame;
    if (elapsed < skipUs || !frame || frame.functionName === '(idle)') return;
    busy += dt;
    const pkg = packageOf(frame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
    const fn = `${frame.functionName || '(anonymous)'} ${pkg}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
  });
  const show = (title: string, sums: Map<string, number>) => {
    console.log(`--- ${title}`);
    for (const [key, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
      console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${key}`);
    }
  };
  console.log(`busy ${(busy / 1000).toFixed(0)} ms of ${(elapsed / 1000).toFixed(0)} ms`);
  show('by package', byPackage);
  show('by function', byFunction);
}

main();
