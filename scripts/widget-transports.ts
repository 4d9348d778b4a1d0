/**
 * socket.io-client as the widget ships it. engine.io-client's default transports are polling,
 * WebSocket and WebTransport, and its index pulls polling in (that file runs code at load, so it
 * is never tree-shaken). The widget connects over WebSocket and only where that fails adds
 * long-polling (widget/src/lib/socket.ts), so:
 * - in the app build, socket.io-client (and socket.ts) get an engine.io-client index with the
 *   WebSocket transport alone and a transport table that starts with just it (`appPlugins`);
 * - long-polling (widget/src/lib/polling-fallback.ts) is built on its own first
 *   (`buildPollingFallback`), with its own copy of the few engine.io modules it needs: as a
 *   split chunk of the app build it would share them with the socket's chunk, cutting that in
 *   two files fetched one after the other. socket.ts imports it by its built file name.
 * A page whose WebSocket works never downloads the polling code; WebTransport is never bundled.
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = join(__dirname, '..');
const esm = join(root, 'node_modules/engine.io-client/build/esm');
const at = (file: string): string => JSON.stringify(join(esm, file));
const FALLBACK_ENTRY = join(root, 'widget/src/lib/polling-fallback.ts');
const inEngineIo = /engine\.io-client[\\/]build[\\/]esm[\\/]/;
const inSocketIo = /socket\.io-client[\\/]build[\\/]esm[\\/]/;
const isSocketTs = /widget[\\/]src[\\/]lib[\\/]socket\.ts$/;

const modules: Record<string, string> = {
  transports: "import { WS } from './websocket.js'; export const transports = { websocket: WS };",
  'websocket-only': [
    `export { Socket } from ${at('socket.js')}; export { installTimerFunctions } from ${at('util.js')};`,
    `export { nextTick } from ${at('globals.js')}; export { parse } from ${at('contrib/parseuri.js')};`,
    `export { WS as WebSocket } from ${at('transports/websocket.js')}; export { transports } from 'engine.io-widget:transports';`,
    // socket.io-client's index re-exports these; the widget uses none of them.
    'export const Fetch = undefined, NodeXHR = undefined, XHR = undefined, NodeWebSocket = undefined, WebTransport = undefined;',
  ].join('\n'),
  polling: `export { XHR } from ${at('transports/polling-xhr.js')};`,
};
const virtual = (name: string): { path: string; namespace: string } => ({ path: name, namespace: 'engine.io-widget' });
const loadVirtual = (b: Parameters<Plugin['setup']>[0]): void =>
  void b.onLoad({ filter: /.*/, namespace: 'engine.io-widget' }, (args) => ({
    contents: modules[args.path],
    resolveDir: args.path === 'transports' ? join(esm, 'transports') : esm,
    loader: 'js',
  }));

/**
 * socket.io-client's manager imports socket.io-parser as a namespace object only to call its
 * Encoder and Decoder; esbuild builds that object with a runtime helper, which code splitting
 * puts in a chunk of its own that the app then imports too: one more request, after the app's,
 * before the widget can start. Named imports make the same object without the helper.
 */
const parserWithoutNamespace: Plugin = {
  name: 'socket.io-parser-named',
  setup(b) {
    b.onLoad({ filter: /socket\.io-client[\\/]build[\\/]esm[\\/]manager\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const from = 'import * as parser from "socket.io-parser";';
      if (!source.includes(from)) throw new Error(`${args.path}: expected \`${from}\` (socket.io-client changed; update ${__filename})`);
      return { contents: source.replace(from, 'import { Encoder, Decoder } from "socket.io-parser";\nconst parser = { Encoder, Decoder };'), loader: 'js' };
    });
  },
};

/** The app build's plugins; `fallbackFile`: what `buildPollingFallback` wrote. */
export function appPlugins(fallbackFile: string): Plugin[] {
  const websocketOnly: Plugin = {
    name: 'engine.io-websocket-only',
    setup(b) {
      b.onResolve({ filter: /^engine\.io-client$/ }, (args) => (inSocketIo.test(args.importer) || isSocketTs.test(args.importer) ? virtual('websocket-only') : undefined));
      b.onResolve({ filter: /^\.\/transports\/index\.js$/ }, (args) => (inEngineIo.test(args.importer) ? virtual('transports') : undefined));
      b.onResolve({ filter: /^engine\.io-widget:transports$/ }, () => virtual('transports'));
      b.onResolve({ filter: /^\.\/polling-fallback$/ }, (args) => (isSocketTs.test(args.importer) ? { path: `./${fallbackFile}`, external: true } : undefined));
      loadVirtual(b);
    },
  };
  return [websocketOnly, parserWithoutNamespace];
}

/** Builds widget/src/lib/polling-fallback.ts into `outdir`; returns the file's name. */
export async function buildPollingFallback(outdir: string, base: BuildOptions): Promise<string> {
  const pollingOnly: Plugin = {
    name: 'engine.io-polling-only',
    setup(b) {
      b.onResolve({ filter: /^engine\.io-client$/ }, () => virtual('polling'));
      loadVirtual(b);
    },
  };
  const result = await build({
    ...base,
    entryPoints: { 'polling-fallback': FALLBACK_ENTRY },
    outdir,
    format: 'esm',
    entryNames: '[name]-[hash]',
    metafile: true,
    plugins: [pollingOnly],
  });
  const file = Object.keys((result.metafile as Metafile).outputs).find((f) => f.endsWith('.js'));
  if (!file) throw new Error('widget build: no polling fallback output');
  return basename(file);
}
