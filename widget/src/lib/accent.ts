/**
 * The integrator's accent colour (`data-color`) and the colours kept readable beside it: text
 * on the accent (white, or ink when white would not reach WCAG AA), and the accent as text
 * and focus rings on white (darkened until it does). So `data-color="#ffd400"` stays legible.
 */

/** sRGB channels, 0-255. */
export type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [17, 24, 39];
/** WCAG AA for normal text. */
const AA = 4.5;

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const hex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

export interface AccentPalette {
  /** Text and icons on the accent. */
  onAccent: string;
  /** The accent as text (links) and focus rings on the widget's white. */
  accentText: string;
}

export function accentPalette(accent: Rgb): AccentPalette {
  const onWhite = contrastRatio(WHITE, accent);
  const onAccent = onWhite >= AA || onWhite >= contrastRatio(INK, accent) ? WHITE : INK;
  let text = accent;
  // Each step takes 10% off every channel: the hue stays, black (21:1) is the limit.
  while (contrastRatio(text, WHITE) < AA) text = text.map((c) => c * 0.9) as unknown as Rgb;
  return { onAccent: hex(onAccent), accentText: hex(text) };
}

/** Any CSS colour as the browser paints it over white (so a translucent one counts as it looks); null without a canvas. */
export function paintedRgb(color: string): Rgb | null {
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 1, 1);
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

/** Sets the accent and its readable companions on the widget's host element. */
export function applyAccent(host: HTMLElement, color: string): void {
  host.style.setProperty('--sb-accent', color);
  const rgb = paintedRgb(color);
  if (!rgb) return;
  const { onAccent, accentText } = accentPalette(rgb);
  host.style.setProperty('--sb-on-accent', onAccent);
  host.style.setProperty('--sb-accent-text', accentText);
}
