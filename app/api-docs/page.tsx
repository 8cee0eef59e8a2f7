// The API reference, rendered from the same OpenAPI document /api/v1/openapi.json serves.
import type { Metadata } from "next";
import { openApiDocument } from "@/lib/api/openapi";
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { type Components, refName, SchemaView } from "./schema-view";

export const metadata: Metadata = { title: "API reference", robots: { index: false } };

type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema: Record<string, unknown>;
};
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: { $ref?: string } }> }>;
};

/** Markdown's `code` spans, the only markup the document's descriptions use. */
function Prose({ text, className }: { text: string; className?: string }) {
  return (
    <p className={className}>
      {text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}
    </p>
  );
}

const anchor = (method: string, path: string) => `${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`;

export default function ApiDocsPage() {
  const doc = openApiDocument();
  const components = (doc.components?.schemas ?? {}) as Components;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <header className="mb-8">
        <p className="text-xs font-medium tracking-wide text-brand-700 uppercase">Aftercare</p>
        <h1 className="text-2xl font-semibold text-stone-900">{doc.info.title}</h1>
        <p className="mt-1 text-sm text-stone-600">
          Version {doc.info.version} · base URL <code>/api/v1</code> · machine-readable:{" "}
          <a className="text-brand-700 underline" href="/api/v1/openapi.json">
            openapi.json
          </a>
        </p>
        <div className="mt-4 space-y-2 text-sm text-stone-700">
          {doc.info.description?.split("\n\n").map((p) => (
            <Prose key={p} text={p} />
          ))}
          <p>
            Authenticate with <code>Authorization: Bearer ack_…</code>, a key an owner creates in the console
            under API keys. Read keys may use the GET routes; write keys also the POST routes.
          </p>
        </div>
      </header>

      <nav aria-label="Endpoints" className="mb-10 rounded-lg border border-stone-200 bg-white p-4">
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {operations.map(({ path, method, op }) => (
            <li key={`${method} ${path}`}>
              <a href={`#${anchor(method, path)}`} className="hover:underline">
                <span className="inline-block w-12 font-mono text-xs font-semibold uppercase">{method}</span>
                <code>{path}</code> <span className="text-stone-500">— {op.summary}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="space-y-8">
        {operations.map(({ path, method, op }) => {
          const body = op.requestBody?.content["application/json"]?.schema;
          return (
            <section
              key={`${method} ${path}`}
              id={anchor(method, path)}
              className="rounded-lg border border-stone-200 bg-white p-5"
            >
              <h2 className="font-mono text-base">
                <span
                  className={`mr-2 rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${method === "get" ? "bg-sky-50 text-sky-800" : "bg-amber-50 text-amber-900"}`}
                >
                  {method}
                </span>
                {path}
              </h2>
              <p className="mt-1 font-medium text-stone-900">{op.summary}</p>
              {op.description?.split("\n\n").map((p) => (
                <Prose key={p} text={p} className="mt-1 text-sm text-stone-600" />
              ))}
              {op.parameters && op.parameters.length > 0 && (
                <>
                  <h3 className="mt-4 text-sm font-semibold">Parameters</h3>
                  <ul className="mt-1 space-y-1 text-sm">
                    {op.parameters.map((p) => (
                      <li key={`${p.in}-${p.name}`}>
                        <code className="font-semibold">{p.name}</code>{" "}
                        <span className="text-xs text-stone-500">in {p.in}</span>
                        {p.required && (
                          <span className="ml-1 text-xs font-medium text-red-700">required</span>
                        )}
                        {p.description && <span className="text-stone-600"> — {p.description}</span>}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {body && (
                <>
                  <h3 className="mt-4 text-sm font-semibold">
                    Body{" "}
                    {body.$ref && <span className="font-normal text-stone-500">({refName(body.$ref)})</span>}
                  </h3>
                  <SchemaView schema={body} components={components} />
                </>
              )}
              <h3 className="mt-4 text-sm font-semibold">Responses</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {Object.entries(op.responses).map(([status, r]) => {
                  const schema = r.content?.["application/json"]?.schema;
                  return (
                    <li key={status}>
                      <code className={status.startsWith("2") ? "text-emerald-800" : "text-red-800"}>
                        {status}
                      </code>{" "}
                      {r.description}
                      {schema?.$ref && (
                        <a href={`#schema-${refName(schema.$ref)}`} className="ml-1 text-brand-700 underline">
                          {refName(schema.$ref)}
                        </a>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>

      <h2 className="mt-12 mb-4 text-xl font-semibold">Objects</h2>
      <div className="space-y-6">
        {Object.entries(components).map(([name, schema]) => (
          <section
            key={name}
            id={`schema-${name}`}
            className="rounded-lg border border-stone-200 bg-white p-5"
          >
            <h3 className="mb-2 font-mono font-semibold">{name}</h3>
            <SchemaView schema={schema} components={components} />
          </section>
        ))}
      </div>

      <h2 className="mt-12 mb-2 text-xl font-semibold">Webhooks</h2>
      <div className="space-y-2 rounded-lg border border-stone-200 bg-white p-5 text-sm text-stone-700">
        <p>
          Owners register endpoints in the console. Each event is POSTed as JSON{" "}
          <code>{`{ "id", "type", "timestamp", "data" }`}</code>, where <code>data</code> is the request,
          refund or order as the API returns it at the moment of the event. Messages are signed per{" "}
          <a className="text-brand-700 underline" href="https://www.standardwebhooks.com/">
            Standard Webhooks
          </a>
          : headers <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code>{" "}
          (<code>v1,</code> + base64 HMAC-SHA256 of <code>{"{id}.{timestamp}.{body}"}</code> keyed with the
          base64 part of the <code>whsec_</code> secret). Answer 2xx within 10 seconds; anything else is
          retried with exponential backoff for about 45 minutes. Events about one subject arrive in order; a
          retried message keeps its id.
        </p>
        <ul className="mt-2 space-y-1">
          {WEBHOOK_EVENT_TYPES.map((t) => (
            <li key={t}>
              <code className="font-semibold">{t}</code> — {WEBHOOK_EVENT_DESCRIPTIONS[t]}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
