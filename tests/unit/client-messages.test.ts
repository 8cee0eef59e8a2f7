import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, type ClientMessages, clientTranslator } from "@/lib/i18n/client-messages";
import en from "@/lib/i18n/messages/en.json";
import nb from "@/lib/i18n/messages/nb.json";
import zh from "@/lib/i18n/messages/zh.json";

function strings(tree: ClientMessages, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string"
      ? [[prefix + key, value] as [string, string]]
      : strings(value, `${prefix}${key}.`),
  );
}

describe("client messages", () => {
  it.each([
    ["en", en],
    ["nb", nb],
    ["zh", zh],
  ])("in %s use only simple {name} arguments in the namespaces sent to the browser", (_, messages) => {
    const all = messages as unknown as Record<string, ClientMessages>;
    // Anything the tiny client translator would show wrongly: plural/select/number arguments,
    // ICU quoting ('{', ''), or a stray brace.
    const unsupported = CLIENT_NAMESPACES.flatMap((ns) => strings(all[ns]!, `${ns}.`)).filter(
      ([, message]) => /'['{}#]/.test(message) || /[{}]/.test(message.replace(/\{\w+\}/g, "")),
    );
    expect(unsupported).toEqual([]);
  });

  it("translates nested keys and fills arguments like next-intl does for simple messages", () => {
    const t = clientTranslator({ step: "Step {current} of {total}", scope: { all: "Everything" } });
    expect(t("step", { current: 1, total: 2 })).toBe("Step 1 of 2");
    expect(t("scope.all")).toBe("Everything");
    expect(
      clientTranslator({ preview: { back: "You'll get {amount} back." } }, "preview")("back", {
        amount: "kr 5",
      }),
    ).toBe("You'll get kr 5 back.");
    expect(() => t("missing")).toThrow(/missing/);
  });
});
