// Pure pieces of the console: session expiry, safe sign-in redirects, amounts typed by staff,
// CSV cells, queue filters from the URL, analytics periods, sign-in link redaction.
import { describe, expect, it } from "vitest";
import { addDays, bucketFor, parsePeriod } from "@/lib/analytics/period";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { SESSION_POLICY, sessionState, shouldTouch } from "@/lib/auth/session-policy";
import { describeCondition } from "@/components/console/rules/describe-rule";
import { csvCell, csvStream, parseCsv, toCsv, UTF8_BOM } from "@/lib/console/csv";
import { parseMajorAmount, reasonLabel } from "@/lib/console/format";
import { HIDDEN_LINK, redactSignInLinks } from "@/lib/console/outbox";
import { parseQueueFilters } from "@/lib/console/queue-filters";
import { CANCELLATION_REASONS, RETURN_REASONS } from "@/lib/requests/schemas";
import { DEFAULT_RULES } from "@/lib/rules/default-policy";

describe("session expiry", () => {
  const staff = {
    kind: "staff" as const,
    email: "a@b.no",
    staffId: "s1",
    role: "agent" as const,
    signedInAt: 1000,
    lastSeenAt: 1000,
  };
  it("is active until idle or absolute expiry, whichever comes first", () => {
    expect(sessionState(staff, 1000 + SESSION_POLICY.staff.idleSeconds - 1)).toBe("active");
    expect(sessionState(staff, 1000 + SESSION_POLICY.staff.idleSeconds)).toBe("idle");
    const busy = { ...staff, lastSeenAt: 1000 + SESSION_POLICY.staff.absoluteSeconds - 10 };
    expect(sessionState(busy, 1000 + SESSION_POLICY.staff.absoluteSeconds)).toBe("expired");
  });
  it("treats a token without our claims as invalid", () => {
    expect(sessionState(null, 0)).toBe("invalid");
    expect(sessionState({ ...staff, staffId: undefined }, 1000)).toBe("invalid");
    expect(sessionState({ kind: "admin" } as never, 1000)).toBe("invalid");
  });
  it("refreshes the idle clock at most once a minute", () => {
    expect(shouldTouch(staff, 1030)).toBe(false);
    expect(shouldTouch(staff, 1060)).toBe(true);
  });
});

describe("sign-in redirect", () => {
  it.each([
    ["/merchant/requests?view=all", "/merchant/requests?view=all"],
    ["/merchant/../account", "/merchant"],
    ["https://evil.example/merchant", "/merchant"],
    ["//evil.example/merchant", "/merchant"],
    ["/merchant\\@evil", "/merchant"],
    ["/merchant/sign-in", "/merchant"],
    [undefined, "/merchant"],
  ])("sends %s to %s", (raw, expected) => {
    expect(safeCallbackUrl(raw)).toBe(expected);
  });
});

describe("amounts typed by staff", () => {
  it.each([
    ["1299", 129_900],
    ["1 299,50", 129_950],
    ["1,299.50", 129_950],
    ["0.5", 50],
    ["12.345", null],
    ["-5", null],
    ["abc", null],
    ["", null],
  ])("reads %s as %s minor units", (input, expected) => {
    expect(parseMajorAmount(input)).toBe(expected);
  });
});

describe("CSV", () => {
  it("quotes, escapes and defuses formulas, and reads back", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    const text = toCsv(
      ["x", "y"],
      [
        ["line\nbreak", 1],
        ['"q"', null],
      ],
    );
    expect(parseCsv(text)).toEqual([
      ["x", "y"],
      ["line\nbreak", "1"],
      ['"q"', ""],
    ]);
  });

  it("starts a file with the UTF-8 byte order mark, so spreadsheets read ø and 中文 as UTF-8", async () => {
    const text = toCsv(["name"], [["Bjørn Ødegård"], ["陈静"]]);
    expect(text.startsWith(`${UTF8_BOM}name\r\n`)).toBe(true);
    expect(parseCsv(text)).toEqual([["name"], ["Bjørn Ødegård"], ["陈静"]]);

    async function* rows() {
      yield ["Bjørn Ødegård"];
      yield ["陈静"];
    }
    const bytes = new Uint8Array(await new Response(csvStream(["name"], rows())).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(new TextDecoder().decode(bytes))).toEqual([["name"], ["Bjørn Ødegård"], ["陈静"]]);
  });
});

describe("console words", () => {
  it("says Doesn't fit, with its apostrophe, wherever staff read a reason", () => {
    expect(reasonLabel("doesnt_fit")).toBe("Doesn't fit");
    expect(reasonLabel("no_longer_needed")).toBe("No longer needed");
    expect(reasonLabel("statutory_withdrawal")).toBe("Statutory withdrawal");
    for (const reason of [...CANCELLATION_REASONS, ...RETURN_REASONS])
      expect(reasonLabel(reason)).not.toMatch(/doesnt|does'nt/i);
    const rule = DEFAULT_RULES.flatMap((r) => r.when).find((c) => c.field === "reason")!;
    const described = describeCondition(rule, "NOK");
    expect(described).toContain("Doesn't fit");
    expect(described).not.toMatch(/doesnt/i);
  });
});

describe("queue filters from the URL", () => {
  it("keeps valid values and drops invalid ones instead of failing", () => {
    expect(
      parseQueueFilters({
        view: "bogus",
        type: "return",
        minAmount: "49,90",
        sort: "amount_desc",
        risk: "extreme",
      }),
    ).toMatchObject({
      view: "decision",
      type: "return",
      minAmount: 4_990,
      sort: "amount_desc",
      risk: undefined,
    });
  });
});

describe("analytics periods", () => {
  const now = new Date("2026-11-23T23:30:00Z"); // already 24 Nov in Oslo
  it("counts presets back from today in the store's time zone", () => {
    expect(parsePeriod({ preset: "30d" }, "Europe/Oslo", now)).toEqual({
      from: "2026-10-26",
      to: "2026-11-24",
      bucket: "day",
      preset: "30d",
    });
    expect(parsePeriod({}, "Europe/Oslo", now).bucket).toBe("week");
  });
  it("accepts a custom range and falls back to the default for a reversed one", () => {
    expect(parsePeriod({ from: "2026-01-01", to: "2026-12-31" }, "UTC", now)).toMatchObject({
      bucket: "week",
      preset: null,
    });
    expect(parsePeriod({ from: "2026-12-31", to: "2026-01-01" }, "UTC", now).preset).toBe("90d");
    expect(bucketFor("2024-01-01", "2026-01-01")).toBe("month");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("outbox", () => {
  it("hides sign-in links in text and HTML", () => {
    const url = "https://shop.example/api/auth/callback/shopper-email?token=abc&email=a%40b.no";
    expect(redactSignInLinks(`Sign in: ${url}\nThanks`)).toBe(`Sign in: ${HIDDEN_LINK}\nThanks`);
    expect(redactSignInLinks(`<a href="${url}">Sign in</a>`)).toBe(`<a href="${HIDDEN_LINK}">Sign in</a>`);
    expect(redactSignInLinks("https://shop.example/orders/1001")).toBe("https://shop.example/orders/1001");
  });
});
