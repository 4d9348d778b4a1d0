/**
 * The panel's CSS, adopted into the shadow root beside the loader's (launcher-styles.ts, which
 * holds the colour variables) when the rest of the widget loads. Nothing here can reach the page.
 */
export const WIDGET_CSS = `
.sb-panel {
  position: fixed; bottom: 88px; z-index: 2147483000; width: 380px; height: min(640px, calc(100vh - 108px));
  display: flex; flex-direction: column; background: var(--sb-bg); border-radius: 16px; overflow: hidden;
  box-shadow: 0 12px 48px rgba(16, 24, 40, .28); border: 1px solid var(--sb-line);
  animation: sb-in .18s ease-out;
}
.sb-right .sb-panel { right: 20px; }
.sb-left .sb-panel { left: 20px; }
@keyframes sb-in { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }

.sb-header { display: flex; align-items: center; gap: 8px; padding: 14px 12px 12px 16px; background: var(--sb-a); color: var(--sb-on-a); }
.sb-heading { flex: 1; min-width: 0; }
.sb-title { margin: 0; font-size: 16px; font-weight: 700; line-height: 1.3; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.sb-subtitle { margin: 2px 0 0; font-size: 12.5px; opacity: .92; display: flex; align-items: center; gap: 6px; }
.sb-dot { width: 8px; height: 8px; border-radius: 50%; background: #7ee2a8; flex: none; }
.sb-subtitle-support .sb-dot { background: #ffd166; }
.sb-subtitle-closed .sb-dot { background: rgba(255, 255, 255, .45); }
.sb-icon-button { border: 0; background: transparent; color: inherit; width: 36px; height: 36px; border-radius: 8px; display: grid; place-items: center; }
.sb-icon-button:hover { background: rgba(255, 255, 255, .18); }
.sb-icon-button:focus-visible { outline-color: var(--sb-on-a); outline-offset: -3px; }

.sb-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 8px 12px; border-bottom: 1px solid var(--sb-line); font-size: 13px; }
.sb-end { margin-left: auto; }
.sb-confirm span { margin-right: auto; font-weight: 600; }
.sb-chip { border: 1px solid var(--sb-line); background: var(--sb-bg); border-radius: 999px; padding: 5px 12px; font-size: 13px; line-height: 1.3; }
.sb-chip:hover:not(:disabled) { background: var(--sb-soft); }
.sb-primary { background: var(--sb-a); border-color: var(--sb-a); color: var(--sb-on-a); }
.sb-primary:hover:not(:disabled) { background: var(--sb-a); filter: brightness(1.08); }
.sb-danger { border-color: var(--sb-error); color: var(--sb-error); }

.sb-banner { padding: 8px 14px; font-size: 13px; background: var(--sb-soft); border-bottom: 1px solid var(--sb-line); }
.sb-banner-empty { display: none; }
.sb-banner-warning { background: var(--sb-warn-bg); color: var(--sb-warn-fg); }
.sb-banner-error { background: #fdecea; color: var(--sb-error); }

.sb-scroll { flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 14px 12px 4px; background: var(--sb-bg); }
.sb-scroll:focus-visible { outline-offset: -3px; }
.sb-log { display: flex; flex-direction: column; gap: 10px; }
.sb-msg { display: flex; flex-direction: column; max-width: 85%; align-self: flex-start; }
.sb-msg-customer { align-self: flex-end; align-items: flex-end; }
.sb-msg-system { align-self: center; align-items: center; max-width: 92%; }
.sb-author { font-size: 12px; font-weight: 600; color: var(--sb-muted); margin: 0 4px 2px; }
.sb-msg-operator .sb-author { color: #8a4b00; }
.sb-bubble { padding: 8px 12px; border-radius: 14px; background: var(--sb-soft); overflow-wrap:anywhere; white-space: normal; }
.sb-msg-agent .sb-bubble { border-bottom-left-radius: 4px; }
.sb-msg-customer .sb-bubble { background: var(--sb-a); color: var(--sb-on-a); border-bottom-right-radius: 4px; }
.sb-msg-customer .sb-bubble a { color: var(--sb-on-a); }
.sb-msg-operator .sb-bubble { background: #fff6e0; border: 1px solid #f3d9a4; border-bottom-left-radius: 4px; }
.sb-msg-system .sb-bubble { background: transparent; color: var(--sb-muted); font-size: 12.5px; font-style: italic; text-align: center; padding: 2px 8px; }
.sb-has-error .sb-bubble { opacity: 1; outline: 2px solid var(--sb-error); outline-offset: -2px; }
.sb-bubble a { color: var(--sb-a-text); text-decoration: underline; }
.sb-bubble p, .sb-bubble ul, .sb-bubble ol, .sb-bubble pre { margin: 0; }
.sb-bubble > * + * { margin-top: 6px; }
.sb-bubble ul, .sb-bubble ol { padding-left: 20px; }
.sb-bubble li + li { margin-top: 2px; }
.sb-bubble pre { padding: 8px 10px; border-radius: 8px; background: rgba(0, 0, 0, .06); white-space: pre-wrap; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.sb-bubble pre code { background: none; padding: 0; font-size: inherit; }
.sb-bubble code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; background: rgba(0, 0, 0, .07); padding: 1px 4px; border-radius: 4px; }
.sb-meta { display: flex; gap: 6px; align-items: baseline; font-size: 11.5px; color: var(--sb-muted); margin: 2px 4px 0; }
.sb-status { font-style: italic; }
.sb-progress { font-size: 12px; font-style: italic; opacity: .75; margin-top: 4px; }
.sb-error { color: var(--sb-error); margin: 4px 0 0; font-size: 12.5px; }
.sb-meta .sb-error { margin: 0; font-size: 11.5px; }
.sb-link-button { border: 0; background: none; padding: 0; color: var(--sb-a-text); text-decoration: underline; font-size: 11.5px; }
.sb-muted { color: var(--sb-muted); }

.sb-dots { display: inline-flex; gap: 3px; align-items: center; margin-right: 6px; vertical-align: middle; }
.sb-dots i { width: 6px; height: 6px; border-radius: 50%; background: currentColor; opacity: .35; animation: sb-blink 1.2s infinite ease-in-out; }
.sb-dots i:nth-child(2) { animation-delay: .2s; }
.sb-dots i:nth-child(3) { animation-delay: .4s; }
@keyframes sb-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: .9; } }
.sb-typing { min-height: 26px; padding: 4px 4px 6px; font-size: 12.5px; color: var(--sb-muted); display: flex; align-items: center; }

.sb-card { margin: 0 12px 8px; padding: 10px 12px; border: 1px solid var(--sb-line); border-radius: 12px; background: var(--sb-soft); font-size: 13px; }
.sb-card p { margin: 0 0 6px; }
.sb-card-title { font-weight: 700; }
.sb-field-label { display: block; font-size: 12px; color: var(--sb-muted); margin-bottom: 4px; }
.sb-input { width: 100%; padding: 7px 10px; border: 1px solid var(--sb-line); border-radius: 8px; background: var(--sb-bg); }
.sb-input[aria-invalid="true"] { border-color: var(--sb-error); }
.sb-card-actions { display: flex; gap: 6px; margin-top: 8px; }
.sb-prechat { display: flex; flex-direction: column; gap: 8px; padding: 10px 12px; border-top: 1px solid var(--sb-line); background: var(--sb-bg); font-size: 13px; max-height: 60%; overflow-y: auto; }
.sb-prechat p { margin: 0; }
.sb-prechat .sb-primary { align-self: flex-end; }
.sb-prechat select.sb-input { appearance: auto; }
.sb-check { display: flex; gap: 8px; align-items: center; }

.sb-composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px; border-top: 1px solid var(--sb-line); background: var(--sb-bg); }
.sb-textarea {
  flex: 1; resize: none; min-height: 40px; max-height: 120px; padding: 9px 12px; border: 1px solid var(--sb-line); border-radius: 12px;
  background: var(--sb-bg); line-height: 1.4; overflow-y: auto;
}
.sb-textarea:focus-visible { outline-offset: 0; }
.sb-send { flex: none; width: 40px; height: 40px; border: 0; border-radius: 50%; background: var(--sb-a); color: var(--sb-on-a); display: grid; place-items: center; }
.sb-send svg { width: 18px; height: 18px; }
.sb-closed { padding: 14px 16px; border-top: 1px solid var(--sb-line); text-align: center; }
.sb-closed p { margin: 0 0 8px; color: var(--sb-muted); }
.sb-csat { display: flex; flex-direction: column; align-items: center; gap: 8px; margin: 0 0 10px; }
.sb-csat-stars { border: 0; margin: 0; padding: 0; display: flex; gap: 2px; justify-content: center; flex-wrap: wrap; }
.sb-csat-stars legend { width: 100%; text-align: center; margin-bottom: 4px; font-weight: 600; }
.sb-star { font-size: 24px; cursor: pointer; color: var(--sb-line); line-height: 1; }
.sb-star.sb-on { color: #f5a524; }
.sb-star:focus-within { outline: 2px solid var(--sb-a-text); border-radius: 4px; }
.sb-csat-comment { width: 100%; box-sizing: border-box; }
.sb-csat-error { color: #c0362c; }
.sb-attach { flex: none; height: 40px; display: inline-flex; align-items: center; justify-content: center; cursor: pointer; padding: 0 4px; color: var(--sb-muted); }
.sb-attach:hover { color: inherit; }
.sb-attach svg { width: 20px; height: 20px; }
.sb-attach:focus-within { outline: 2px solid var(--sb-a-text); border-radius: 4px; }
.sb-attachment-img { display: block; max-width: 100%; max-height: 220px; border-radius: 8px; margin-top: 4px; }
.sb-attachment-file { color: inherit; display: inline-flex; align-items: center; gap: 4px; }
.sb-attachment-file svg { width: 16px; height: 16px; flex: none; }

@media (max-width: 420px) {
  .sb-panel { inset: 0; width: 100%; height: 100%; height: 100dvh; max-height: none; border-radius: 0; border: 0; }
  .sb-right .sb-panel, .sb-left .sb-panel { right: 0; left: 0; bottom: 0; }
  .sb-is-open .sb-launcher { display: none; }
  .sb-msg { max-width: 90%; }
  .sb-textarea { font-size: 16px; }
}
@media (prefers-reduced-motion: reduce) {
  .sb-dots i { opacity: .6; }
}
`;
