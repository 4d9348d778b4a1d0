/**
 * The safe message formatter of the widget and the console. Message text is parsed into a
 * small token tree and turned into elements; text only ever becomes DOM text nodes, so a
 * `<script>` or an `onerror=` in a message is shown as typed. Nothing here touches innerHTML.
 *
 * Supported, as models write it: paragraphs and line breaks, `-`/`*` and numbered lists,
 * fenced code blocks, `#` headings (shown as bold lines, not page headings), and inline
 * links (bare http/https URLs and `[label](https://…)`), **bold**, *italic* and `code`.
 * A message that is one paragraph stays inline (no wrapping element). An unclosed fence (a
 * reply still streaming) runs to the end. DOM-free and framework-free (the element factory
 * is passed in: Preact's `h` in the clients, a plain-object factory in the unit tests).
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

export type Block =
  /** Lines joined by `br` tokens. */
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'codeblock'; text: string }
  | { type: 'heading'; children: Inline[] };

const FENCE = /^\s{0,3}```/;
const BULLET = /^\s{0,3}[-*•]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)[\s#]*$/;
const CONTINUATION = /^\s{2,}\S/;

type ListBlock = Extract<Block, { type: 'list' }>;

/** Parses a whole message into blocks (see the file comment). */
export function parseBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph = null as Inline[] | null;
  let list = null as ListBlock | null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (FENCE.test(line)) {
      const body: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i] as string); i++) body.push(lines[i] as string);
      blocks.push({ type: 'codeblock', text: body.join('\n') });
      paragraph = list = null;
      continue;
    }
    const item = listItem(line);
    if (item) {
      if (list?.ordered !== item.ordered) blocks.push((list = { type: 'list', ordered: item.ordered, start: item.start, items: [] }));
      list.items.push(parseInline(item.text));
      paragraph = null;
      continue;
    }
    if (list && CONTINUATION.test(line)) {
      list.items[list.items.length - 1]?.push({ type: 'br' }, ...parseInline(line.trim()));
      continue;
    }
    list = null;
    const heading = HEADING.exec(line);
    if (!line.trim() || heading) {
      paragraph = null;
      if (heading) blocks.push({ type: 'heading', children: parseInline(heading[1] as string) });
      continue;
    }
    if (paragraph) paragraph.push({ type: 'br' }, ...parseInline(line));
    else blocks.push({ type: 'paragraph', children: (paragraph = parseInline(line)) });
  }
  return blocks;
}

function listItem(line: string): { ordered: boolean; start: number; text: string } | null {
  const bullet = BULLET.exec(line);
  if (bullet) return { ordered: false, start: 1, text: bullet[1] as string };
  const numbered = NUMBERED.exec(line);
  return numbered ? { ordered: true, start: Number(numbered[1]), text: numbered[2] as string } : null;
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

function blockNode<T>(block: Block, key: number, h: ElementFactory<T>): T {
  switch (block.type) {
    case 'paragraph':
      return h('p', { key }, ...toNodes(block.children, h));
    case 'heading':
      return h('p', { key }, h('strong', {}, ...toNodes(block.children, h)));
    case 'codeblock':
      return h('pre', { key }, h('code', {}, block.text));
    case 'list':
      return h(
        block.ordered ? 'ol' : 'ul',
        block.ordered && block.start !== 1 ? { key, start: block.start } : { key },
        ...block.items.map((item, i) => h('li', { key: i }, ...toNodes(item, h))),
      );
  }
}

/** Message text → elements, safely (see the file comment). */
export function formatMessage<T>(text: string, h: ElementFactory<T>): (T | string)[] {
  const blocks = parseBlocks(text);
  const [only] = blocks;
  if (blocks.length === 1 && only?.type === 'paragraph') return toNodes(only.children, h);
  return blocks.map((block, i) => blockNode(block, i, h));
}
