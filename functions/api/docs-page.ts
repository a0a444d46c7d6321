/** A self-contained reference page rendered from the OpenAPI document (no CDN, no script). */
interface OperationLike {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

export function renderDocsPage(document: {
  info: { title: string; version: string };
  paths?: Record<string, Record<string, OperationLike>>;
}): string {
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required === true ? ', required' : ''})${p.description === undefined ? '' : ` — ${escapeHtml(p.description)}`}</li>`,
        )
        .join('');
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => `<li><b>${escapeHtml(status)}</b> ${escapeHtml(r.description ?? '')}</li>`)
        .join('');
      sections.push(`<section><h3><span class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}${op.security === undefined ? ' <em>(no token)</em>' : ''}</p>
${params === '' ? '' : `<h4>Parameters</h4><ul>${params}</ul>`}
${schema === undefined ? '' : `<h4>Body</h4><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre>`}
<h4>Responses</h4><ul>${responses}</ul></section>`);
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(document.info.title)} — API</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
section{border-top:1px solid #ddd;padding:.5rem 0}pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:12px}
.m{display:inline-block;min-width:4em;text-align:center;border-radius:3px;color:#fff;font-size:12px;padding:1px 4px}
.get{background:#1677ff}.post{background:#52c41a}.put{background:#fa8c16}.delete{background:#f5222d}</style></head>
<body><h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>接口参考（由 <a href="/api/openapi.json">OpenAPI 3.1 文档</a> 生成）/ API reference generated from the OpenAPI document.
Send <code>Authorization: Bearer &lt;token&gt;</code> on every route marked with a lock; the tenant comes from the token only.</p>
${sections.join('\n')}</body></html>`;
}
