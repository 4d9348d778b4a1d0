import { describe, expect, it } from '@jest/globals';
import { contentDisposition, safeFileName, sniffType } from '../file-type';
import { escapeHtml, transcriptHtml } from '../../transcripts/transcript-format';
import type { MessageDto, SessionDto } from '../../../../../shared/src/contract/types';

const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffType', () => {
  it('recognises the allowed formats by their signatures', () => {
    expect(sniffType(bytes([0x89], 'PNG\r\n\x1a\n', 'rest'))).toBe('image/png');
    expect(sniffType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(bytes('GIF89a...'))).toBe('image/gif');
    expect(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffType(Buffer.from('héllo wörld\n', 'utf8'))).toBe('text/plain');
  });

  it('refuses what is none of them: binary, invalid UTF-8, empty', () => {
    expect(sniffType(bytes([0x00, 0x01, 0x02]))).toBeNull();
    expect(sniffType(bytes([0xc3, 0x28]))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
    expect(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull();
  });
});

describe('file names and Content-Disposition', () => {
  it('strips paths, control characters and quotes', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\\\Users\\\\me\\\\a"b\u0000c.png')).toBe('abc.png');
    expect(safeFileName('   ')).toBe('file');
  });
  it('has an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('inline', 'reçu.png')).toBe(`inline; filename="re_u.png"; filename*=UTF-8''re%C3%A7u.png`);
  });
});

describe('transcriptHtml', () => {
  it('escapes every piece of text', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const session = { id: 's1', createdAt: '2026-01-01T10:00:00.000Z' } as SessionDto;
    const messages = [{ id: 'm', role: 'customer', content: '<script>x()</script>', createdAt: '2026-01-01T10:00:01.000Z' } as MessageDto];
    const html = transcriptHtml({ session, agentName: '<b>Bot</b>', messages });
    expect(html).not.toMatch(/<script|<b>Bot/);
    expect(html).toContain('&lt;script&gt;x()&lt;/script&gt;');
  });
});
