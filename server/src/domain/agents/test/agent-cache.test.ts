import { describe, expect, it } from '@jest/globals';
import type { AgentDoc } from '../../../db/models/agent.model';
import { AgentCache } from '../agent-cache';

const agent = (name: string) => ({ name }) as unknown as AgentDoc;

describe('AgentCache', () => {
  it('concurrent misses share one load, and later reads hit until the TTL passes', async () => {
    let now = 0;
    const cache = new AgentCache(1_000, () => now);
    let loads = 0;
    const load = async () => agent(`v${++loads}`);
    const [a, b] = await Promise.all([cache.get('x', load), cache.get('x', load)]);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    now = 999;
    expect((await cache.get('x', load))?.name).toBe('v1');
    now = 1_000;
    expect((await cache.get('x', load))?.name).toBe('v2');
  });

  it('invalidate forgets an agent at once', async () => {
    const cache = new AgentCache(60_000);
    let loads = 0;
    const load = async () => agent(`v${++loads}`);
    await cache.get('x', load);
    cache.invalidate('x');
    expect((await cache.get('x', load))?.name).toBe('v2');
  });

  it('a missing agent or a failed read is not remembered', async () => {
    const cache = new AgentCache(60_000);
    await expect(cache.get('x', async () => null)).resolves.toBeNull();
    await expect(cache.get('x', () => Promise.reject(new Error('db away')))).rejects.toThrow('db away');
    expect((await cache.get('x', async () => agent('found')))?.name).toBe('found');
  });
});
