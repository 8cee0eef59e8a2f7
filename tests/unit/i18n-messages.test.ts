import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import nb from "@/lib/i18n/messages/nb.json";
import zh from "@/lib/i18n/messages/zh.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses ({number}, {count, plural, …}), ignoring plural branches. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)) names.add(match[1]!);
  return [...names].filter((n) => !["one", "other", "few", "many", "zero", "two"].includes(n)).sort();
}

const english = flatten(en as Tree);
/** The letters of a message outside its arguments ("{quantity} × {price}" has none). */
const words = (message: string) => message.replace(/\{[^{}]*\}/g, "").replace(/[^\p{L}]/gu, "");

describe.each([
  ["nb", nb],
  ["zh", zh],
])("the %s messages", (_, messages) => {
  const translated = flatten(messages as Tree);
  it("have every key the English messages have, and no others", () => {
    expect([...english.keys()].filter((k) => !translated.has(k))).toEqual([]);
    expect([...translated.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it("use the same arguments in every message", () => {
    const mismatched = [...english].filter(([key, message]) => {
      const other = translated.get(key);
      return other !== undefined && argumentsOf(other).join() !== argumentsOf(message).join();
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it("translate the shopper's sentences rather than copying the English", () => {
    const shopperNamespaces = ["lookup.", "order.", "eligibility.", "timeline.", "requestForm.", "policy."];
    const copied = [...english].filter(
      ([key, message]) =>
        shopperNamespaces.some((ns) => key.startsWith(ns)) &&
        words(message).length > 8 &&
        translated.get(key) === message,
    );
    expect(copied.map(([key]) => key)).toEqual([]);
  });
});
