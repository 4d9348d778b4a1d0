import type { LeadFieldValue, MessageDto, SessionDto } from '../../../../shared/src/contract/types';
import { formatMessage, type ElementFactory } from '../../../../shared/src/message-format';
import { chatLines } from '../i18n/chat-lines';

export type TranscriptFormat = 'text' | 'html';

export interface TranscriptInput {
  session: SessionDto;
  agentName: string;
  /** The agent's language: headings and speakers are written in it. */
  language?: string | null;
  /** Customer-visible messages only, oldest first. */
  messages: MessageDto[];
  /** Lead fields captured in the session, labelled, in the agent's order (see domain/leads/). */
  fields?: { label: string; value: LeadFieldValue }[];
}

function fieldValue(value: LeadFieldValue, t: TranscriptInput): string {
  const words = chatLines(t.language).transcript;
  return typeof value === 'boolean' ? (value ? words.yes : words.no) : String(value);
}

/** "Label: value" per captured field. */
const fieldLines = (t: TranscriptInput): string[] => (t.fields ?? []).map((f) => `${f.label}: ${fieldValue(f.value, t)}`);

function speaker(m: MessageDto, t: TranscriptInput): string {
  const words = chatLines(t.language).transcript;
  if (m.role === 'agent') return t.agentName;
  if (m.role === 'operator') return m.author?.name || words.support;
  if (m.role === 'customer') return words.you;
  return m.role === 'system' ? words.notice : m.role;
}

function body(m: MessageDto): string {
  const file = m.attachment ? `[file: ${m.attachment.name}]` : '';
  return [m.content, file].filter(Boolean).join(' ');
}

const stamp = (iso: string) => iso.replace('T', ' ').slice(0, 19) + ' UTC';

/** Plain text, one line per message. */
export function transcriptText(t: TranscriptInput): string {
  const words = chatLines(t.language).transcript;
  const captured = fieldLines(t);
  const head = [words.title(t.agentName), words.started(t.session.id, stamp(t.session.createdAt)), ...(captured.length ? ['', ...captured] : []), ''];
  const lines = t.messages.map((m) => `[${stamp(m.createdAt)}] ${speaker(m, t)}: ${body(m)}`);
  return [...head, ...lines, ''].join('\n');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every character that can open markup or an attribute is escaped: message text stays text. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** Markup built by the formatter, told apart from text (which is always escaped). */
interface Html {
  html: string;
}
const ATTRIBUTES = ['href', 'target', 'rel', 'start'] as const;
const htmlOf = (node: Html | string): string => (typeof node === 'string' ? escapeHtml(node) : node.html);
/** The shared formatter's elements as HTML text: the tags it makes, these attributes, escaped text. */
const htmlElement: ElementFactory<Html> = (tag, props, ...children) => {
  const attributes = ATTRIBUTES.filter((a) => props[a] !== undefined)
    .map((a) => ` ${a}="${escapeHtml(String(props[a]))}"`)
    .join('');
  return { html: tag === 'br' ? '<br>' : `<${tag}${attributes}>${children.map(htmlOf).join('')}</${tag}>` };
};

/** A message as the widget shows it (lists, code, links), as HTML. */
function bodyHtml(m: MessageDto): string {
  const file = m.attachment ? escapeHtml(` [file: ${m.attachment.name}]`) : '';
  return formatMessage(m.content, htmlElement).map(htmlOf).join('') + file;
}

/** A standalone HTML page; no scripts, every piece of text escaped, messages formatted as the widget shows them. */
export function transcriptHtml(t: TranscriptInput): string {
  const rows = t.messages
    .map((m) => `<li class="${m.role}"><time datetime="${escapeHtml(m.createdAt)}">${escapeHtml(stamp(m.createdAt))}</time> <b>${escapeHtml(speaker(m, t))}</b>: <div class="body">${bodyHtml(m)}</div></li>`)
    .join('\n');
  const words = chatLines(t.language).transcript;
  const title = escapeHtml(words.title(t.agentName));
  const fields = (t.fields ?? []).map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(fieldValue(f.value, t))}</dd>`).join('');
  return `<!doctype html>
<html lang="${escapeHtml(t.language ?? 'en')}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}body>ul>li{list-style:none;margin:.6rem 0}.body{display:inline}.body>p,.body>ul,.body>ol,.body>pre{margin:.3rem 0}pre{background:#f4f4f4;padding:.5rem;white-space:pre-wrap}time{color:#666;font-size:.85em}.fields{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}.fields dt{font-weight:600}.fields dd{margin:0}.system{color:#555;font-style:italic}</style>
</head><body><h1>${title}</h1><p>${escapeHtml(words.started(t.session.id, stamp(t.session.createdAt)))}</p>
${fields ? `<dl class="fields">${fields}</dl>\n` : ''}<ul>
${rows}
</ul></body></html>
`;
}
