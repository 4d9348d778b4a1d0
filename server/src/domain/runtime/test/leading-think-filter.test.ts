import { describe, expect, it } from '@jest/globals';
import { LeadingThinkFilter } from '../providers/leading-think-filter';

/** Feeds `deltas` through a fresh filter; returns what each push relayed, and the flush. */
function run(deltas: string[]): { relayed: string[]; flushed: string } {
  const filter = new LeadingThinkFilter();
  const relayed = deltas.map((d) => filter.push(d));
  return { relayed, flushed: filter.flush() };
}

describe('LeadingThinkFilter', () => {
  it('drops a leading reasoning block split anywhere across deltas, and the blank lines after it', () => {
    const { relayed, flushed } = run(['\n<thi', 'nk>Okay, the user', ' wants </th', 'ink', '>\n', '\nHello', ' there']);
    expect(relayed.join('')).toBe('Hello there');
    expect(relayed.slice(0, 5)).toEqual(['', '', '', '', '']);
    expect(flushed).toBe('');
  });

  it('relays an answer that does not open with <think> unchanged, holding only what could still become the tag', () => {
    const { relayed } = run(['<', '3 thanks', ' <think> is fine here']);
    expect(relayed).toEqual(['', '<3 thanks', ' <think> is fine here']);
  });

  it('keeps a <think> later in the answer', () => {
    expect(run(['Hi. ', '<think>not reasoning</think>']).relayed.join('')).toBe('Hi. <think>not reasoning</think>');
  });

  it('drops reasoning that never closes, and releases a held prefix at the end', () => {
    expect(run(['<think>hmm', ' still thinking'])).toEqual({ relayed: ['', ''], flushed: '' });
    expect(run(['<th'])).toEqual({ relayed: [''], flushed: '<th' });
  });

  it('keeps no more than a closing tag’s worth of a long reasoning', () => {
    const filter = new LeadingThinkFilter();
    filter.push('<think>');
    for (let i = 0; i < 10_000; i++) filter.push('thinking hard ');
    expect(JSON.stringify(filter).length).toBeLessThan(100);
    expect(filter.push('</think>Done.')).toBe('Done.');
  });
});
