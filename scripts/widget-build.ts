/**
 * The widget's two builds. The app (widget/src/app.tsx: controller, Preact UI, panel CSS) is
 * built first as ES modules with code splitting into dist/widget/app/, each file named by its
 * content hash — one chunk per language, fetched on demand. Then the loader (widget/src/index.ts)
 * is built as the classic script /widget.js with the app's file name baked in, so a cached
 * loader never meets an app of another version. `dist/widget/manifest.json` lists what a page
 * downloads (the budget test reads it).
 */
import { build, context, transform, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { appPlugins, buildPollingFallback } from './widget-transports';

const root = join(__dirname, '..');
/** Where the app's modules go, under dist/ (served at /widget/<file>). */
export const WIDGET_APP_DIR = 'widget/app';

export interface WidgetManifest {
  /** Paths relative to dist/widget/. */
  loader: string;
  /** The app entry and the chunks it imports statically: what every page that loads the app downloads. */
  initial: string[];
  /** Fetched on first use (socket.io-client, when the widget first connects). */
  lazy: string[];
  /** Fetched only where the WebSocket fails: the long-polling transport. */
  fallback: string[];
  /** One language file per language; a page downloads one. */
  locales: Record<string, string>;
}

/**
 * The widget's CSS lives in template strings (it is adopted into the shadow root, never a
 * file); minified here like the code around it, as esbuild leaves string contents alone.
 */
const minifiedCss: Plugin = {
  name: 'widget-css',
  setup(b) {
    b.onLoad({ filter: /widget[\\/]src[\\/](launcher-)?styles\.ts$/ }, async (args) => {
      const match = /export const (\w+) = `([^`]*)`;/.exec(readFileSync(args.path, 'utf8'));
      if (!match) throw new Error(`${args.path}: expected one exported CSS template string`);
      const { code } = await transform(match[2] as string, { loader: 'css', minify: true });
      return { contents: `export const ${match[1] as string} = ${JSON.stringify(code.trim())};`, loader: 'js' };
    });
  },
};

/**
 * The browsers the shared options name, without their `es20xx` floor: every one of them has
 * class fields, which that floor would rewrite into helper calls (and a shared helper chunk
 * the app would fetch after itself). esbuild still lowers what any of them lacks.
 */
function widgetTarget(target: BuildOptions['target']): BuildOptions['target'] {
  return Array.isArray(target) ? target.filter((t) => !/^es\d+$/.test(t)) : target;
}

function appOptions(out: string, base: BuildOptions, fallbackFile: string): BuildOptions {
  return {
    ...base,
    target: widgetTarget(base.target),
    entryPoints: { app: join(root, 'widget/src/app.tsx') },
    outdir: join(out, WIDGET_APP_DIR),
    format: 'esm',
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    metafile: true,
    plugins: [...appPlugins(fallbackFile), ...(base.minify ? [minifiedCss] : [])],
  };
}

function loaderOptions(out: string, base: BuildOptions, appFile: string): BuildOptions {
  return {
    ...base,
    target: widgetTarget(base.target),
    entryPoints: [join(root, 'widget/src/index.ts')],
    outfile: join(out, 'widget/widget.js'),
    format: 'iife',
    define: { __SWITCHBOARD_APP__: JSON.stringify(appFile) },
    plugins: base.minify ? [minifiedCss] : [],
  };
}

/** What the app build wrote, as paths relative to dist/widget/. */
function manifestOf(metafile: Metafile, out: string, fallbackFile: string): WidgetManifest & { app: string } {
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const rel = (file: string): string => relative(join(out, 'widget'), join(process.cwd(), file)).split('\\').join('/');
  const app = outputs.find(([, o]) => o.entryPoint?.endsWith('widget/src/app.tsx'));
  if (!app) throw new Error('widget build: no app output');
  /** A file and what it imports statically, minus what `seen` already holds. */
  const closure = (file: string, seen: Set<string>): string[] => {
    if (seen.has(file)) return [];
    seen.add(file);
    const imports = (metafile.outputs[file]?.imports ?? []).filter((i) => i.kind === 'import-statement');
    return [file, ...imports.flatMap((i) => closure(i.path, seen))];
  };
  const seen = new Set<string>();
  const initial = closure(app[0], seen);
  const locales: Record<string, string> = {};
  const lazy: string[] = [];
  for (const [file, o] of outputs) {
    const lang = /widget\/src\/i18n\/([a-z]{2})\.ts$/.exec(o.entryPoint ?? '')?.[1];
    if (lang) locales[lang] = rel(file);
    else if (o.entryPoint && file !== app[0]) lazy.push(...closure(file, seen));
  }
  return { loader: 'widget.js', app: basename(app[0]), initial: initial.map(rel), lazy: lazy.map(rel), fallback: [`${basename(WIDGET_APP_DIR)}/${fallbackFile}`], locales };
}

async function finish(out: string, base: BuildOptions, metafile: Metafile, fallbackFile: string): Promise<WidgetManifest> {
  const { app, ...manifest } = manifestOf(metafile, out, fallbackFile);
  await build(loaderOptions(out, base, app));
  writeFileSync(join(out, 'widget/manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Builds the app, then the loader that names it. `base`: the browser options shared with the console. */
export async function buildWidget(out: string, base: BuildOptions): Promise<WidgetManifest> {
  // Old hashed files would pile up (and be served) otherwise.
  rmSync(join(out, WIDGET_APP_DIR), { recursive: true, force: true });
  mkdirSync(join(out, 'widget'), { recursive: true });
  const fallbackFile = await buildPollingFallback(join(out, WIDGET_APP_DIR), { ...base, target: widgetTarget(base.target) });
  const result = await build(appOptions(out, base, fallbackFile));
  return finish(out, base, result.metafile as Metafile, fallbackFile);
}

/** `npm run build -- --watch`: each app rebuild rebuilds the loader too. */
export async function watchWidget(out: string, base: BuildOptions): Promise<void> {
  mkdirSync(join(out, 'widget'), { recursive: true });
  const fallbackFile = await buildPollingFallback(join(out, WIDGET_APP_DIR), { ...base, target: widgetTarget(base.target) });
  const options = appOptions(out, base, fallbackFile);
  const relink: Plugin = { name: 'relink-loader', setup: (b) => b.onEnd((r) => void (r.metafile && finish(out, base, r.metafile, fallbackFile))) };
  await (await context({ ...options, plugins: [...(options.plugins ?? []), relink] })).watch();
}
