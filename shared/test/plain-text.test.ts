import { toPlainText } from '../src/plain-text';

describe('toPlainText: Markdown as an SMS reader should get it', () => {
  it('strips emphasis and code marks', () => {
    expect(toPlainText('a **b** *c* `d`')).toBe('a b c d');
    expect(toPlainText('2 * 3 * 4')).toBe('2 * 3 * 4');
  });

  it('keeps links as URLs: a labelled link gains its URL, a bare URL is written once', () => {
    expect(toPlainText('See [our returns page](https://shop.example/returns) for details.')).toBe('See our returns page (https://shop.example/returns) for details.');
    expect(toPlainText('Track it at https://t.example/123.')).toBe('Track it at https://t.example/123.');
    expect(toPlainText('[https://a.io](https://a.io)')).toBe('https://a.io');
    // No javascript: link survives as a link; its text stays as typed.
    expect(toPlainText('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
  });

  it('turns lists into lines, keeping the numbering', () => {
    expect(toPlainText('Steps:\n\n1. Open **Settings**\n2. Tap *Reset*\n\n- one\n- two')).toBe('Steps:\n\n1. Open Settings\n2. Tap Reset\n\n- one\n- two');
    expect(toPlainText('3) third\n4) fourth')).toBe('3. third\n4. fourth');
  });

  it('keeps headings and code blocks as text, paragraphs apart, line breaks as they are', () => {
    expect(toPlainText('## Your order\nShipped\ntoday\n\n```\ncode *here*\n```')).toBe('Your order\n\nShipped\ntoday\n\ncode *here*');
  });

  it('leaves plain text as it is, and empty as empty', () => {
    expect(toPlainText('Hello there! How can I help?')).toBe('Hello there! How can I help?');
    expect(toPlainText('')).toBe('');
    expect(toPlainText('  \n\n ')).toBe('');
  });
});

describe('toPlainText: the one-line shortcut', () => {
  // The shortcut must give what the full parse gives; a Markdown-looking line still goes through it.
  it('answers one plain line as the parse would, and still parses lines that look like Markdown', () => {
    expect(toPlainText('  where is my order?  ')).toBe('where is my order?');
    expect(toPlainText('3) third')).toBe('3. third');
    expect(toPlainText('- item')).toBe('- item');
    expect(toPlainText('a *b*')).toBe('a b');
    expect(toPlainText('[x](https://a.io/p)')).toBe('x (https://a.io/p)');
    expect(toPlainText('# Title')).toBe('Title');
    expect(toPlainText('see https://a.io/p.')).toBe('see https://a.io/p.');
  });
});
