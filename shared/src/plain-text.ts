/**
 * Message Markdown → plain text, for channels that show no formatting (SMS, WhatsApp, e-mail
 * subjects, push notifications). It walks the same token tree the widget and the console
 * render (message-format.ts), so a plain-text reader gets exactly what a widget reader sees,
 * minus the styling: emphasis and code marks are dropped, a link keeps its URL ("label
 * (https://…)", or the URL alone when the label is the URL), list items become lines ("- x",
 * "2. y"), headings become their own line, code blocks keep their text, blocks are separated
 * by a blank line. Pure and cheap (one regex pass per line): it runs at the DTO edge for every
 * customer-visible message.
 */
import { parseBlocks, safeHref, type Block, type Inline } from './message-format';

function inlineText(nodes: Inline[]): string {
  let out = '';
  for (const node of nodes) out += nodeText(node);
  return out;
}

function nodeText(node: Inline): string {
  switch (node.type) {
    case 'text':
    case 'code':
      return node.text;
    case 'br':
      return '\n';
    case 'bold':
    case 'italic':
      return inlineText(node.children);
    case 'link': {
      const label = inlineText(node.children).trim();
      // A bare URL is parsed as a link whose label is the URL as written: keep it once.
      if (!label) return node.href;
      if (label === node.href || (label.startsWith('http') && safeHref(label) === node.href)) return label;
      return `${label} (${node.href})`;
    }
  }
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.children);
    case 'codeblock':
      return block.text;
    case 'list':
      return block.items
        .map((item, i) => `${block.ordered ? `${block.start + i}.` : '-'} ${inlineText(item).replace(/\n/g, '\n  ')}`)
        .join('\n');
  }
}

/**
 * One line with nothing the parser would format (most customer messages): the parse would give
 * it back trimmed, so skip it. A leading "3)" or "-" could be a list item, so it is parsed.
 */
const NOTHING_TO_FORMAT = /^(?!\s{0,3}(?:\d{1,9}[.)]|[-*•])\s)[^\n\r*`[#]*$/;
const MAY_LINK = /https?:\/\//i;

/** The message as plain text (see the file comment). */
export function toPlainText(markdown: string): string {
  if (!markdown) return '';
  if (NOTHING_TO_FORMAT.test(markdown) && !MAY_LINK.test(markdown)) return markdown.trim();
  return parseBlocks(markdown)
    .map(blockText)
    .filter((text) => text.trim() !== '')
    .join('\n\n')
    .trim();
}
