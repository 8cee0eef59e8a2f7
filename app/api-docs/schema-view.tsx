// Renders a JSON Schema from the OpenAPI document as a readable field list.
type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
};

export type Components = Record<string, Schema>;

export const refName = (ref: string) => ref.split("/").pop()!;

function resolve(schema: Schema, components: Components): Schema {
  return schema.$ref ? (components[refName(schema.$ref)] ?? {}) : schema;
}

function typeLabel(schema: Schema, components: Components): string {
  if (schema.$ref) return refName(schema.$ref);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map((v) => typeLabel(v, components)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const base = types
    .map((t) => (t === "array" && schema.items ? `${typeLabel(schema.items, components)}[]` : t))
    .join(" | ");
  return schema.format ? `${base} (${schema.format})` : base || "any";
}

function rules(s: Schema): string[] {
  const out: string[] = [];
  if (s.enum) out.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) out.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.minLength !== undefined) out.push(`at least ${s.minLength} characters`);
  if (s.maxLength !== undefined) out.push(`at most ${s.maxLength} characters`);
  if (s.minItems !== undefined) out.push(`at least ${s.minItems} items`);
  if (s.maxItems !== undefined) out.push(`at most ${s.maxItems} items`);
  if (s.pattern) out.push(`matches ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

/** The object's fields, nested objects and arrays of objects inline (up to a depth). */
export function SchemaView({
  schema,
  components,
  depth = 0,
}: {
  schema: Schema;
  components: Components;
  depth?: number;
}) {
  const s = resolve(schema, components);
  const target = s.type === "array" && s.items ? resolve(s.items, components) : s;
  const variants = target.anyOf ?? target.oneOf;
  const object = variants?.map((v) => resolve(v, components)).find((v) => v.properties) ?? target;
  if (!object.properties) return <p className="text-sm text-stone-600">{typeLabel(s, components)}</p>;
  return (
    <ul className={`space-y-2 ${depth > 0 ? "mt-2 border-l border-stone-200 pl-4" : ""}`}>
      {Object.entries(object.properties).map(([name, prop]) => {
        const resolved = resolve(prop, components);
        const nested =
          resolved.type === "array" && resolved.items ? resolve(resolved.items, components) : resolved;
        const hasChildren = Boolean(
          nested.properties ?? (nested.anyOf ?? nested.oneOf)?.some((v) => resolve(v, components).properties),
        );
        return (
          <li key={name} className="text-sm">
            <code className="font-semibold text-stone-900">{name}</code>{" "}
            <span className="text-xs text-stone-500">{typeLabel(prop, components)}</span>
            {object.required?.includes(name) ? (
              <span className="ml-1 text-xs font-medium text-red-700">required</span>
            ) : null}
            {(prop.description ?? resolved.description) && (
              <p className="text-stone-600">{prop.description ?? resolved.description}</p>
            )}
            {rules(resolved).length > 0 && (
              <p className="text-xs text-stone-500">{rules(resolved).join(" · ")}</p>
            )}
            {hasChildren && depth < 3 && (
              <SchemaView schema={prop} components={components} depth={depth + 1} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
