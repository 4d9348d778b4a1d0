import { accentPalette, contrastRatio, type Rgb } from '../src/lib/accent';

const rgbOf = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
const WHITE: Rgb = [255, 255, 255];

describe('accent palette', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio(WHITE, [0, 0, 0])).toBeCloseTo(21, 5);
    expect(contrastRatio([118, 118, 118], WHITE)).toBeCloseTo(4.54, 2);
  });

  it('leaves a dark accent as it is: white on it, itself as text', () => {
    expect(accentPalette(rgbOf('#2f5bea'))).toEqual({ onAccent: '#ffffff', accentText: '#2f5bea' });
  });

  it.each(['#ffd400', '#7fdbff', '#ffffff', '#9bdf46'])('keeps text readable on and beside a light accent %s', (accent) => {
    const { onAccent, accentText } = accentPalette(rgbOf(accent));
    expect(onAccent).toBe('#111827');
    expect(contrastRatio(rgbOf(onAccent), rgbOf(accent))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(rgbOf(accentText), WHITE)).toBeGreaterThanOrEqual(4.5);
  });

  it('darkens the accent as text only as far as needed, keeping its hue', () => {
    const text = rgbOf(accentPalette(rgbOf('#ffd400')).accentText);
    expect(contrastRatio(text, WHITE)).toBeLessThan(5.5);
    expect(text[0]).toBeGreaterThan(text[1]);
    expect(text[2]).toBe(0);
  });
});
