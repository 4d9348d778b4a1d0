/**
 * GET /v1/docs: the OpenAPI document as one server-rendered HTML page. No scripts at all
 * (the CSP allows only same-origin scripts, and there is nothing to run): operations grouped
 * by tag, their parameters, bodies and responses, and the schemas they refer to.
 */
type Json = Record<string, unknown>;

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const anchor = (name: string) => `schema-${name.replace(/[^\w-]/g, '_')}`;

/** Pretty JSON with every `$ref` to a component turned into a link to it. */
function schemaBlock(schema: unknown): string {
  const html = esc(JSON.stringify(schema, null, 2));
  return `<pre>${html.replace(/&#34;#\/components\/(schemas|responses)\/([\w-]+)&#34;/g, (_m, kind: string, name: string) =>
    kind === 'schemas' ? `<a href="#${anchor(name)}">${esc(name)}</a>` : esc(name),
  )}</pre>`;
}

function operationHtml(path: string, method: string, op: Json): string {
  const params = (op.parameters as Json[]) ?? [];
  const rows = params
    .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td>${schemaBlock(p.schema)}</td></tr>`)
    .join('');
  const body = (op.requestBody as { content?: Record<string, { schema: unknown }> } | undefined)?.content?.['application/json'];
  const responses = Object.entries((op.responses as Record<string, Json>) ?? {})
    .map(([status, r]) => {
      const name = typeof r.$ref === 'string' ? r.$ref.split('/').pop() : null;
      const content = r.content as Record<string, { schema: unknown }> | undefined;
      const types = content ? Object.keys(content).join(', ') : '';
      return `<li><b>${esc(status)}</b> ${name ? `<span class="muted">${esc(name)} (error body)</span>` : esc(r.description)} ${types ? `<span class="muted">${esc(types)}</span>` : ''}${content?.['application/json'] ? schemaBlock(content['application/json'].schema) : ''}</li>`;
    })
    .join('');
  return `<section class="op" id="${esc(op.operationId)}">
<h3><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}. <span class="muted">${esc(op.description)}</span></p>
${rows ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${rows}</table>` : ''}
${body ? `<h4>Request body</h4>${schemaBlock(body.schema)}` : ''}
<h4>Responses</h4><ul>${responses}</ul>
</section>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1000px;padding:1rem 1.5rem;color:#1d2330}
pre{background:#f5f6f8;padding:.5rem;overflow:auto;font-size:12px;margin:.25rem 0}code{font-size:14px}
.op{border-top:1px solid #dde;padding:.5rem 0}.muted{color:#667}table{border-collapse:collapse;width:100%}td,th{border:1px solid #dde;padding:4px;text-align:left;vertical-align:top}
.method{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:1px 4px}
.get{background:#2f6fdf}.post{background:#1b8a4c}.patch{background:#b7791f}.delete{background:#c53030}nav a{margin-right:.75rem}`;

/** The whole page. */
export function renderDocsPage(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags as string[])[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(path, method, op)]);
    }
  }
  const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title><style>${STYLE}</style></head><body>
<h1>${esc(info.title)} <small class="muted">${esc(info.version)}</small></h1>
<p>${esc(info.description)}</p><p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1).</p>
<nav>${[...byTag.keys()].map((t) => `<a href="#tag-${esc(t)}">${esc(t)}</a>`).join('')}<a href="#schemas">schemas</a></nav>
${[...byTag].map(([tag, ops]) => `<h2 id="tag-${esc(tag)}">${esc(tag)}</h2>${ops.join('\n')}`).join('\n')}
<h2 id="schemas">Schemas</h2>
${Object.entries(schemas)
  .map(([name, schema]) => `<section id="${anchor(name)}"><h3>${esc(name)}</h3>${schemaBlock(schema)}</section>`)
  .join('\n')}
</body></html>`;
}
