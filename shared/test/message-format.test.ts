import { formatMessage as format, parseBlocks, parseInline, safeHref, type ElementFactory } from '../src/message-format';

/** A plain-object stand-in for Preact's `h`, so the test needs no DOM and no Preact. */
interface El {
  tag: string;
  props: Record<string, unknown>;
  children: (El | string)[];
}
const h: ElementFactory<El> = (tag, props, ...children) => ({ tag, props, children });
const formatMessage = (text: string): (El | string)[] => format(text, h);

/** Flattens elements to a tag-only markup string, for readable assertions. */
function show(nodes: (El | string)[]): string {
  return nodes
    .map((n) => {
      if (typeof n === 'string') return n;
      const href = n.props.href ? ` href=${String(n.props.href)}` : '';
      return `<${n.tag}${href}>${show(n.children)}</${n.tag}>`;
    })
    .join('');
}

describe('format: inline markup', () => {
  it('renders **bold**, *italic* and `code`', () => {
    expect(show(formatMessage('a **b** *c* `d`'))).toBe('a <strong>b</strong> <em>c</em> <code>d</code>');
  });

  it('does not format inside code', () => {
    expect(show(formatMessage('`**not bold** https://x.io`'))).toBe('<code>**not bold** https://x.io</code>');
  });

  it('allows italic and links inside bold', () => {
    expect(show(formatMessage('**see *this* https://a.io**'))).toBe('<strong>see <em>this</em> <a href=https://a.io/>https://a.io</a></strong>');
  });

  it('leaves lone or spaced asterisks alone (2 * 3 * 4)', () => {
    expect(show(formatMessage('2 * 3 * 4 and **'))).toBe('2 * 3 * 4 and **');
  });

  it('turns newlines (\\n and \\r\\n) into <br>', () => {
    expect(show(formatMessage('one\ntwo\r\nthree'))).toBe('one<br></br>two<br></br>three');
  });
});

describe('format: links', () => {
  it('links bare http(s) URLs with target=_blank and rel=noopener', () => {
    const [, link] = formatMessage('go to https://example.com/a?b=1 now');
    if (typeof link === 'string') throw new Error('expected a link element');
    const props = link.props;
    expect(props).toMatchObject({ href: 'https://example.com/a?b=1', target: '_blank' });
    expect(String(props.rel)).toContain('noopener');
  });

  it('keeps sentence punctuation and unbalanced parentheses out of the URL', () => {
    expect(show(formatMessage('See https://a.io/x. Or (https://b.io/y)!'))).toBe(
      'See <a href=https://a.io/x>https://a.io/x</a>. Or (<a href=https://b.io/y>https://b.io/y</a>)!',
    );
    expect(show(formatMessage('https://en.wikipedia.org/wiki/Foo_(bar)'))).toBe(
      '<a href=https://en.wikipedia.org/wiki/Foo_(bar)>https://en.wikipedia.org/wiki/Foo_(bar)</a>',
    );
  });

  it('supports [label](https://…) links', () => {
    expect(show(formatMessage('[our **docs**](https://docs.io/start)'))).toBe('<a href=https://docs.io/start>our <strong>docs</strong></a>');
  });

  it('never links javascript:, data: or relative URLs', () => {
    const out = show(formatMessage('[x](javascript:alert(1)) javascript:alert(1) data:text/html,hi [y](/relative)'));
    expect(out).not.toContain('<a');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>')).toBeNull();
    expect(safeHref('https://ok.io')).toBe('https://ok.io/');
  });
});

describe('format: hostile text stays text', () => {
  it('keeps HTML as one plain string, never an element', () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const nodes = formatMessage(hostile);
    expect(nodes).toEqual([hostile]);
  });

  it('a URL containing quotes and angle brackets stops before them', () => {
    expect(parseInline('https://a.io/"><script>')).toEqual([
      { type: 'link', href: 'https://a.io/', children: [{ type: 'text', text: 'https://a.io/' }] },
      { type: 'text', text: '"><script>' },
    ]);
  });

  it('parses an empty message to nothing', () => {
    expect(parseBlocks('')).toEqual([]);
  });
});

describe('format: blocks, as models write them', () => {
  it('keeps a one-paragraph message inline, and wraps paragraphs apart from each other', () => {
    expect(show(formatMessage('one\ntwo'))).toBe('one<br></br>two');
    expect(show(formatMessage('one\n\n**two**'))).toBe('<p>one</p><p><strong>two</strong></p>');
  });

  it('renders - and * bullet lists and numbered lists (keeping their start)', () => {
    expect(show(formatMessage('You can:\n- return it\n* exchange it for **another**\n\nThen:\n3. pack it\n4. ship it'))).toBe(
      '<p>You can:</p><ul><li>return it</li><li>exchange it for <strong>another</strong></li></ul><p>Then:</p><ol><li>pack it</li><li>ship it</li></ol>',
    );
    const blocks = parseBlocks('x\n3. pack it');
    expect(blocks[1]).toMatchObject({ type: 'list', ordered: true, start: 3 });
    const [, list] = formatMessage('x\n3. pack it') as El[];
    expect(list?.props.start).toBe(3);
  });

  it('continues a list item on an indented line, and ends the list at an unindented one', () => {
    expect(show(formatMessage('- first\n  more of it\nafter'))).toBe('<ul><li>first<br></br>more of it</li></ul><p>after</p>');
  });

  it('keeps fenced code as it is, unformatted, even while its fence is still open', () => {
    expect(show(formatMessage('Run:\n```bash\nnpm i **x** <y>\n```\ndone'))).toBe('<p>Run:</p><pre><code>npm i **x** <y></code></pre><p>done</p>');
    expect(show(formatMessage('```\nstill streaming'))).toBe('<pre><code>still streaming</code></pre>');
  });

  it('shows # headings as bold lines', () => {
    expect(show(formatMessage('## Shipping ##\nIt takes 3 days.'))).toBe('<p><strong>Shipping</strong></p><p>It takes 3 days.</p>');
  });

  it('does not take italics, hyphenated words or numbers in a sentence for list items', () => {
    expect(show(formatMessage('*really* - it costs 5. Not 4.'))).toBe('<em>really</em> - it costs 5. Not 4.');
  });

  it('keeps hostile text as text inside lists and code', () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    expect(formatMessage(`- ${hostile}\n\`\`\`\n${hostile}\n\`\`\``)).toEqual([
      { tag: 'ul', props: { key: 0 }, children: [{ tag: 'li', props: { key: 0 }, children: [hostile] }] },
      { tag: 'pre', props: { key: 1 }, children: [{ tag: 'code', props: {}, children: [hostile] }] },
    ]);
  });
});
