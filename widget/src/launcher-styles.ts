/**
 * The CSS the loader (widget.js) adopts into the shadow root before anything else: `:host {
 * all: initial }` cuts inheritance from the page, the colour variables (the accent comes from
 * `data-color` through `--sb-accent` on the host element, with `--sb-on-accent` and
 * `--sb-accent-text` beside it, see lib/accent.ts), and the launcher. The panel's CSS comes with
 * the rest of the widget (styles.ts).
 */
export const LAUNCHER_CSS = `
:host { all: initial; }
*, *::before, *::after { box-sizing: border-box; }
.sb-root {
  --sb-accent-fallback: #2f5bea;
  --sb-a: var(--sb-accent, var(--sb-accent-fallback));
  /* Text and icons on the accent, and the accent as text on white: kept readable (lib/accent.ts). */
  --sb-on-a: var(--sb-on-accent, #fff);
  --sb-a-text: var(--sb-accent-text, var(--sb-a));
  --sb-fg: #1d2330; --sb-muted: #5d6676; --sb-bg: #ffffff; --sb-soft: #f2f4f8; --sb-line: #dde1e8;
  --sb-error: #b42318; --sb-warn-bg: #fff4e5; --sb-warn-fg: #7a4100;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--sb-fg); -webkit-font-smoothing: antialiased; text-align: left;
}
.sb-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, input, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
button:disabled { cursor: default; opacity: .55; }
:focus { outline: none; }
:focus-visible { outline: 3px solid var(--sb-a-text); outline-offset: 2px; }
.sb-launcher:focus-visible, .sb-send:focus-visible { outline-color: var(--sb-fg); }

.sb-launcher {
  position: fixed; bottom: 20px; z-index: 2147483000; width: 56px; height: 56px; border-radius: 50%;
  border: 0; background: var(--sb-a); color: var(--sb-on-a); display: grid; place-items: center;
  box-shadow: 0 6px 20px rgba(16, 24, 40, .25); transition: transform .15s ease;
}
.sb-launcher:hover { transform: scale(1.06); }
.sb-right .sb-launcher { right: 20px; }
.sb-left .sb-launcher { left: 20px; }
.sb-badge {
  position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 5px; border-radius: 10px;
  background: var(--sb-error); color: #fff; font-size: 12px; font-weight: 700; line-height: 20px; text-align: center;
}
.sb-hidden .sb-launcher { display: none; }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
`;
