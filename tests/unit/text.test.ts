import { describe, expect, it } from "vitest";
import { decodeParam, findUnstorableText, formText, storableText } from "@/lib/text";

describe("text PostgreSQL cannot store", () => {
  it("finds a NUL or an unpaired surrogate anywhere in a body, by path", () => {
    expect(findUnstorableText({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toEqual(["a", 1, "c"]);
    expect(findUnstorableText({ note: "\uD83D" })).toEqual(["note"]);
    expect(findUnstorableText({ note: "\uDE00 after" })).toEqual(["note"]);
    expect(findUnstorableText({ ["k\u0000"]: 1 })).toEqual(["k\u0000"]);
    expect(findUnstorableText({ note: "😀 ø 中文", n: 1, nested: [null, true] })).toBeNull();
  });

  it("strips NUL and replaces unpaired surrogates in form text, keeping emoji", () => {
    expect(storableText("a\u0000b\uD83Dc😀")).toBe("ab\uFFFDc😀");
    const form = new FormData();
    form.set("comment", "too\u0000 big");
    form.set("photo", new Blob(["x"]), "p.jpg");
    expect(formText(form, "comment")).toBe("too big");
    expect(formText(form, "photo")).toBe("");
    expect(formText(form, "missing")).toBe("");
  });

  it("decodes a path segment, or answers null for a malformed escape", () => {
    expect(decodeParam("%231001")).toBe("#1001");
    expect(decodeParam("%")).toBeNull();
    expect(decodeParam("%E0%A4%A")).toBeNull();
  });
});
