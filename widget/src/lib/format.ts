/**
 * The widget's safe message formatter. Message text is parsed into a small token tree and
 * turned into Preact VNodes; text only ever becomes DOM text nodes, so a `<script>` or an
 * `onerror=` in a message is shown as typed. Nothing here touches innerHTML.
 *
 * Supported: links (bare http/https URLs and `[label](https://…)`), **bold**, *italic*,
 * `code` and line breaks. DOM-free and framework-free (the element factory is passed in:
 * Preact's `h` in the widget, a plain-object factory in the Node unit tests).
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'bold'; children: Inline[] }
  | { type: 'italic'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'br' };

type Kind = 'code' | 'bold' | 'italic' | 'mdlink' | 'url';

// One alternation, tried left to right at each position: code first so nothing inside
// backticks is formatted; `[label](url)` before bare URLs so the URL isn't linked twice.
const INLINE = /(`[^`\n]+`)|(\*\*(?=\S)[^\n]*?\S\*\*)|(\*(?=[^*\s])[^*\n]*?[^*\s]\*|\*[^*\s]\*)|(\[[^\]\n]+\]\(https?:\/\/[^\s)]+\))|(https?:\/\/[^\s<>"'`]+)/gi;
const KINDS: Kind[] = ['code', 'bold', 'italic', 'mdlink', 'url'];
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/;

/** Returns the URL if it is an absolute http(s) URL, else null (no javascript:, data:, …). */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Splits a bare URL from punctuation that ends the sentence around it ("see https://x.io."). */
function trimUrl(raw: string): { url: string; rest: string } {
  let url = raw.replace(TRAILING_PUNCTUATION, '');
  // A closing parenthesis belongs to the URL only if it also opened one (Wikipedia links).
  while (url.endsWith(')') && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
  url = url.replace(TRAILING_PUNCTUATION, '');
  return { url, rest: raw.slice(url.length) };
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

function pushText(out: Inline[], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

function token(kind: Kind, raw: string, out: Inline[]): void {
  switch (kind) {
    case 'code':
      out.push({ type: 'code', text: raw.slice(1, -1) });
      return;
    case 'bold':
      out.push({ type: 'bold', children: parseInline(raw.slice(2, -2)) });
      return;
    case 'italic':
      out.push({ type: 'italic', children: parseInline(raw.slice(1, -1)) });
      return;
    case 'mdlink': {
      const split = raw.indexOf('](');
      const label = raw.slice(1, split);
      const href = safeHref(raw.slice(split + 2, -1));
      if (href) out.push({ type: 'link', href, children: parseInline(label) });
      else pushText(out, raw);
      return;
    }
    case 'url': {
      const { url, rest } = trimUrl(raw);
      const href = safeHref(url);
      if (href) out.push({ type: 'link', href, children: [{ type: 'text', text: url }] });
      else pushText(out, url);
      pushText(out, rest);
      return;
    }
  }
}

/** Parses one line (no newlines) into inline tokens. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of line.matchAll(INLINE)) {
    const at = match.index ?? 0;
    pushText(out, line.slice(last, at));
    const group = match.findIndex((g, i) => i > 0 && g !== undefined);
    token(KINDS[group - 1], match[0], out);
    last = at + match[0].length;
  }
  pushText(out, line.slice(last));
  return out;
}

/** Parses a whole message: lines joined by `br` tokens. */
export function parseMessage(text: string): Inline[] {
  const out: Inline[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, i) => {
      if (i > 0) out.push({ type: 'br' });
      out.push(...parseInline(line));
    });
  return out;
}

/** Creates an element: `h` from Preact, or any factory with the same shape. */
export type ElementFactory<T> = (tag: string, props: Record<string, unknown>, ...children: (T | string)[]) => T;

const LINK_REL = 'noopener noreferrer nofollow';

function toNode<T>(node: Inline, key: number, h: ElementFactory<T>): T | string {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'br':
      return h('br', { key });
    case 'code':
      return h('code', { key }, node.text);
    case 'bold':
      return h('strong', { key }, ...toNodes(node.children, h));
    case 'italic':
      return h('em', { key }, ...toNodes(node.children, h));
    case 'link':
      return h('a', { key, href: node.href, target: '_blank', rel: LINK_REL }, ...toNodes(node.children, h));
  }
}

/** Turns parsed tokens into elements made by `h` (strings stay strings: DOM text nodes). */
export function toNodes<T>(nodes: Inline[], h: ElementFactory<T>): (T | string)[] {
  return nodes.map((node, i) => toNode(node, i, h));
}

/** Message text → elements, safely (see the file comment). */
export function formatMessage<T>(text: string, h: ElementFactory<T>): (T | string)[] {
  return toNodes(parseMessage(text), h);
}
