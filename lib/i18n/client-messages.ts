// Client components get their messages from the server as plain strings, so no ICU runtime
// (intl-messageformat) and no message file ships to the browser. Namespaces given to the client
// this way use simple `{name}` arguments only; tests/unit/client-messages.test.ts checks that.
export type ClientMessages = { [key: string]: string | ClientMessages };

/** Namespaces that client components receive raw; they must not use plural, select or quoting. */
export const CLIENT_NAMESPACES = [
  "requestForm",
  "withdrawal",
  "account",
  "errorPage",
  "refundOptions",
] as const;
export type ClientNamespace = (typeof CLIENT_NAMESPACES)[number];

export type ClientTranslate = (key: string, values?: Record<string, string | number>) => string;

/** `t("scope.all")`, `t("step", { current: 1, total: 2 })` over one namespace (or a part of it). */
export function clientTranslator(messages: ClientMessages, prefix?: string): ClientTranslate {
  return (key, values) => {
    let node: string | ClientMessages | undefined = messages;
    for (const part of (prefix ? `${prefix}.${key}` : key).split("."))
      node = typeof node === "object" ? node[part] : undefined;
    if (typeof node !== "string") throw new Error(`no client message "${key}"`);
    return values ? node.replace(/\{(\w+)\}/g, (all, name: string) => String(values[name] ?? all)) : node;
  };
}
