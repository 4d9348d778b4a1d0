/**
 * Reads the deployment files the way their tools would, for the deploy suite: the Dockerfile's
 * stages and instructions, and compose.yaml with its `${VAR}`, `${VAR:-default}` and
 * `${VAR:?message}` interpolation (as `docker compose` does, from a given environment).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const root = join(__dirname, '../../..');

export interface DockerInstruction {
  op: string;
  args: string;
}

/** The Dockerfile as stages of instructions (line continuations joined, comments dropped). */
export function dockerStages(): DockerInstruction[][] {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\r?\n/g, ' ');
  const stages: DockerInstruction[][] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const [, op = '', args = ''] = /^(\S+)\s+([\s\S]*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push({ op: op.toUpperCase(), args: args.trim() });
  }
  return stages;
}

/** An exec-form (`["node", "…"]`) argument list. */
export const execForm = (args: string): string[] => JSON.parse(args.replace(/^CMD\s+/, '')) as string[];

export interface ComposeService {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

/** compose.yaml, merge keys (`<<: *anchor`) applied, nothing interpolated yet. */
export function composeServices(): Record<string, ComposeService> {
  const doc = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
  return doc.services;
}

/** Interpolates one value as compose does; a `:?` variable missing from `env` throws its message. */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_all, name: string, kind?: string, word?: string) => {
    const set = env[name];
    if (set !== undefined && set !== '') return set;
    if (kind === '?') throw new Error(`${name}: ${word}`);
    return kind === '-' ? (word ?? '') : '';
  });
}

export function resolvedEnvironment(service: ComposeService, env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]));
}
