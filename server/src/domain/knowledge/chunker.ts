import { htmlToText } from './html-text';

const TARGET_CHARS = 800;

export type DocumentFormat = 'text' | 'markdown' | 'html';

/** Splits a document into passages of about 800 characters on paragraph, then sentence, bounds. */
export function chunkText(content: string, format: DocumentFormat): string[] {
  const text = format === 'markdown' ? stripMarkdown(content) : format === 'html' ? htmlToText(content) : content;
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const chunks: string[] = [];
  let current = '';
  for (const piece of paragraphs.flatMap(splitLong)) {
    if (current && current.length + piece.length + 2 > TARGET_CHARS) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}

function splitLong(paragraph: string): string[] {
  if (paragraph.length <= TARGET_CHARS) return [paragraph];
  const sentences = paragraph.match(/[^.!?]+[.!?]*\s*/g) ?? [paragraph];
  const out: string[] = [];
  let current = '';
  for (const s of sentences) {
    if (current && current.length + s.length > TARGET_CHARS) {
      out.push(current.trim());
      current = '';
    }
    current += s;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function stripMarkdown(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, (block) => block.replace(/```\w*/g, ''))
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/[*_`>]/g, '');
}
