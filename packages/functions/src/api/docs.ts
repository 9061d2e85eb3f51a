/**
 * `/docs`: the OpenAPI document rendered as one self-contained HTML page (no CDN, works offline):
 * every operation with its summary, parameters, request body schema and responses.
 */
type Json = Record<string, unknown>;

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);

function schemaBlock(schema: unknown): string {
  return schema ? `<pre>${esc(JSON.stringify(schema, null, 2))}</pre>` : "";
}

export function docsPage(doc: Json): string {
  const info = doc.info as Json;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const ops: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = ((op.parameters ?? []) as Json[])
        .map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)})${p.required ? " required" : ""} ${esc((p as Json).description)}</li>`)
        .join("");
      const body = ((op.requestBody as Json)?.content as Record<string, Json> | undefined) ?? {};
      const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
        .map(([code, r]) => `<li><b>${esc(code)}</b> ${esc(r.description)}</li>`)
        .join("");
      ops.push(`<section id="${esc(method)}-${esc(path)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ""}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ""}
${Object.entries(body).map(([type, c]) => `<details><summary>Request body (${esc(type)})</summary>${schemaBlock(c.schema)}</details>`).join("")}
<h4>Responses</h4><ul>${responses}</ul></section>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em}section{border-top:1px solid #ddd;padding:.5em 0}
.m{font:bold 12px monospace;padding:2px 6px;border-radius:3px;color:#fff;background:#555}.get{background:#2a7}.post{background:#27a}.patch{background:#a72}.delete{background:#a22}
pre{background:#f6f6f6;padding:.5em;overflow:auto;font-size:12px}</style></head><body>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1)</p>${ops.join("\n")}</body></html>`;
}
