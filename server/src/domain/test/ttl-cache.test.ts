import { describe, expect, it } from '@jest/globals';
import { TtlCache } from '../ttl-cache';

describe('TtlCache', () => {
  it('concurrent misses share one load, and later reads hit until the TTL passes', async () => {
    let now = 0;
    const cache = new TtlCache<string>(1_000, 10, () => now);
    let loads = 0;
    const load = async () => `v${++loads}`;
    const [a, b] = await Promise.all([cache.get('x', load), cache.get('x', load)]);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    now = 999;
    expect(await cache.get('x', load)).toBe('v1');
    now = 1_000;
    expect(await cache.get('x', load)).toBe('v2');
  });

  it('delete and deleteWhere forget entries at once', async () => {
    const cache = new TtlCache<{ id: string; v: number }>(60_000);
    let loads = 0;
    const load = (id: string) => async () => ({ id, v: ++loads });
    await cache.get('a', load('a'));
    await cache.get('b', load('b'));
    cache.delete('a');
    cache.deleteWhere((value) => value.id === 'b');
    expect(await cache.get('a', load('a'))).toEqual({ id: 'a', v: 3 });
    expect(await cache.get('b', load('b'))).toEqual({ id: 'b', v: 4 });
  });

  it('a missing value or a failed load is not remembered', async () => {
    const cache = new TtlCache<string>(60_000);
    await expect(cache.get('x', async () => null)).resolves.toBeNull();
    await expect(cache.get('x', () => Promise.reject(new Error('db away')))).rejects.toThrow('db away');
    expect(await cache.get('x', async () => 'found')).toBe('found');
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new TtlCache<string>(60_000, 2);
    let loads = 0;
    const load = async () => `v${++loads}`;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    expect(await cache.get('b', load)).toBe('v2');
    expect(await cache.get('a', load)).toBe('v4');
  });
});
