import { formatRelative, metadataText } from '../src/lib/format';

describe('format', () => {
  const now = Date.parse('2026-01-01T12:00:00.000Z');
  it('formats relative times', () => {
    expect(formatRelative('2026-01-01T11:59:50.000Z', now)).toBe('just now');
    expect(formatRelative('2026-01-01T11:55:00.000Z', now)).toBe('5 min ago');
    expect(formatRelative('2026-01-01T09:00:00.000Z', now)).toBe('3 h ago');
    expect(formatRelative('2025-12-30T12:00:00.000Z', now)).toBe('2 d ago');
  });
  it('renders metadata values as text', () => {
    expect(metadataText('<b>x</b>')).toBe('<b>x</b>');
    expect(metadataText({ plan: 'pro', seats: 3 })).toBe('{"plan":"pro","seats":3}');
    expect(metadataText(null)).toBe('null');
  });
});
