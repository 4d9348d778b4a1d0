/** What a benchmark's figures came from, and pinning processes to cores. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The core the server process runs on; the load generator takes the other one. */
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

export const hasTaskset = spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

/** `nproc`, `free -h` (total memory) and the node version, for the README table. */
export function describeMachine(): string {
  const mem = (() => {
    try {
      const line = execFileSync('free', ['-h'], { encoding: 'utf8' }).split('\n').find((l) => l.startsWith('Mem:'));
      return line?.split(/\s+/)[1] ?? `${Math.round(os.totalmem() / 2 ** 30)}Gi`;
    } catch {
      return `${Math.round(os.totalmem() / 2 ** 30)}Gi`;
    }
  })();
  const pinning = hasTaskset ? `server on core ${SERVER_CPU}, load generator on core ${LOAD_CPU} (taskset)` : 'no taskset: processes not pinned';
  return `machine: nproc ${os.cpus().length}, memory ${mem}, node ${process.version}, load ${os.loadavg()[0].toFixed(2)}; ${pinning}`;
}

/** Pins this (load generator) process to its core, when taskset exists and there are two cores. */
export function pinSelf(): void {
  if (hasTaskset && os.cpus().length > 1) spawnSync('taskset', ['-a', '-cp', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });
}

/** The command prefix that pins a child to a core (empty without taskset or a second core). */
export function pinning(cpu = SERVER_CPU): string[] {
  return hasTaskset && os.cpus().length > 1 ? ['taskset', '-c', cpu] : [];
}

/** Resident set size of a process in bytes, from /proc/<pid>/status (VmRSS). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

/** Pins a running process (all its threads) to the server core. */
export function pinToServerCore(pid: number): void {
  if (hasTaskset && os.cpus().length > 1) spawnSync('taskset', ['-a', '-cp', SERVER_CPU, String(pid)], { stdio: 'ignore' });
}

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at "state"; utime and stime are the 12th and 13th of those.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const TICKS_PER_SECOND = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
