/**
 * The widget and console bundles as browsers download them: compressed copies written at build
 * time, picked by Accept-Encoding, byte for byte the built file once decoded.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { statSync, utimesSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../support/test-server';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** node:http, not fetch: fetch would decode the body and hide what was sent. */
function download(url: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('built browser files are sent compressed', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
  });
  afterAll(() => server.close());

  // The widget's loader (a few KB, which compresses less) and the app module it fetches.
  const widgetApp = `/widget/${(JSON.parse(readFileSync(join(__dirname, '../../../dist/widget/manifest.json'), 'utf8')) as { initial: string[] }).initial[0]?.replace(/^app\//, '')}`;
  it.each(['/widget.js', widgetApp, '/console/console.js', '/console/console.css'])('%s: brotli when accepted, else gzip, else as built', async (path) => {
    const url = `${server.url}${path}`;
    const plain = await download(url);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    // Chromium's header: gzip listed first, brotli still preferred.
    const br = await download(url, 'gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe(plain.headers['content-type']);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length * (path === '/widget.js' ? 0.45 : 0.4));
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gz = await download(url, 'br;q=0, gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  it('keeps the widget loadable from any site and briefly cached, whichever encoding', async () => {
    const br = await download(`${server.url}/widget.js`, 'br');
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.headers['access-control-allow-origin']).toBe('*');
    expect(br.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(br.headers['cache-control']).toBe('public, max-age=300');
  });

  it("serves the widget's hashed modules to any site, cached for good; unknown names are 404", async () => {
    const app = await download(`${server.url}${widgetApp}`, 'gzip');
    expect(app.status).toBe(200);
    expect(app.headers['content-type']).toMatch(/^text\/javascript/);
    expect(app.headers['access-control-allow-origin']).toBe('*');
    expect(app.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(app.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await download(`${server.url}/widget/nope-123.js`)).status).toBe(404);
    expect((await download(`${server.url}/widget/..%2Fwidget.js`)).status).toBe(404);
  });

  it('sends what it has no compressed copy of as it is: the console page, small files, unknown names', async () => {
    const page = await download(`${server.url}/console/sessions`, 'br, gzip');
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body.toString()).toContain('<html');
    expect((await download(`${server.url}/console/nope.js`, 'br')).headers['content-encoding']).toBeUndefined();
  });

  it('a bundle rebuilt without compressing (watch mode) is sent as built, never as its stale copy', async () => {
    const file = join(__dirname, '../../../dist/console/console.css');
    const { atime, mtime } = statSync(file);
    utimesSync(file, atime, new Date(Date.now() + 60_000));
    try {
      const res = await download(`${server.url}/console/console.css`, 'br, gzip');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.toString()).toContain('{');
    } finally {
      utimesSync(file, atime, mtime);
    }
  });
});
