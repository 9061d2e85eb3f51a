import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * `/docs`: the API reference. Swagger UI (swagger-ui-dist from npm), served by us from our own
 * origin: no CDN, no fonts or validator from elsewhere, and a Content-Security-Policy that lets
 * the page talk to this API only, so the docs work where the internet is not reachable and tell
 * no third party who reads them. Without JavaScript the same page shows every operation as text.
 */
type Json = Record<string, unknown>;

/** The Swagger UI files we serve, by the name they are served under. */
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

/** Where swagger-ui-dist's files are: beside the Lambda bundle when deployed (see infra/api.ts), else node_modules. */
export const DOCS_ASSETS_ENV = "CLAIMLEDGER_DOCS_ASSETS_DIR";

let assetsDir: string | undefined;
const cache = new Map<string, string>();

/** One of the reference's static files, or undefined for any other name. */
export function docsAsset(name: string): { body: string; type: string } | undefined {
  const type = ASSETS[name];
  if (!type) return undefined;
  if (!cache.has(name)) {
    assetsDir ??=
      process.env[DOCS_ASSETS_ENV] || dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
    cache.set(name, readFileSync(join(assetsDir, name), "utf8"));
  }
  return { body: cache.get(name)!, type };
}

/** The script that starts Swagger UI on our OpenAPI document (a file, so the CSP needs no inline script). */
export const DOCS_INIT_JS = `window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#reference",
  deepLinking: true,
  validatorUrl: null,
  persistAuthorization: false,
  tryItOutEnabled: false,
  docExpansion: "none",
  filter: true,
});
`;

/** Only our own origin; Swagger UI sets inline styles and shows inline SVG images. */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);

function schemaBlock(schema: unknown): string {
  return schema ? `<pre>${esc(JSON.stringify(schema, null, 2))}</pre>` : "";
}

export function docsPage(doc: Json): string {
  const info = doc.info as Json;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} reference</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body>
<div id="reference"></div>
<noscript>${textReference(doc)}</noscript>
<script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/assets/init.js"></script>
</body></html>`;
}

/** Every operation with its summary, parameters, request body schema and responses, as plain HTML. */
function textReference(doc: Json): string {
  const info = doc.info as Json;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const ops: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = ((op.parameters ?? []) as Json[])
        .map(
          (p) =>
            `<li><code>${esc(p.name)}</code> (${esc(p.in)})${p.required ? " required" : ""} ${esc((p as Json).description)}</li>`,
        )
        .join("");
      const body = ((op.requestBody as Json)?.content as Record<string, Json> | undefined) ?? {};
      const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
        .map(([code, r]) => `<li><b>${esc(code)}</b> ${esc(r.description)}</li>`)
        .join("");
      ops.push(`<section id="${esc(method)}-${esc(path)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ""}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ""}
${Object.entries(body)
  .map(([type, c]) => `<details><summary>Request body (${esc(type)})</summary>${schemaBlock(c.schema)}</details>`)
  .join("")}
<h4>Responses</h4><ul>${responses}</ul></section>`);
    }
  }
  return `<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1)</p>${ops.join("\n")}`;
}
