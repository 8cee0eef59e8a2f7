import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/api/body";
import { decodePageCursor, encodePageCursor } from "@/lib/api/cursor";
import { ApiError } from "@/lib/api/errors";
import { generateWebhookSecret, signWebhook, webhookHeaders } from "@/lib/webhooks/signing";

describe("canonicalJson", () => {
  it("is the same for the same value in any key order", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe("page cursors", () => {
  it("round-trip and refuse anything else with a field error", () => {
    const row = { cursorAt: "2026-11-23 12:00:00.123456+00", id: "5f0b8a7e-2a7f-4c55-9f3e-0d1c2b3a4e5f" };
    expect(decodePageCursor(encodePageCursor(row))).toEqual({ at: row.cursorAt, id: row.id });
    fc.assert(
      fc.property(fc.string(), (raw) => {
        try {
          decodePageCursor(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).fields).toHaveProperty("cursor");
        }
      }),
    );
    expect(() =>
      decodePageCursor(Buffer.from(JSON.stringify(["1' or 1=1 --", row.id])).toString("base64url")),
    ).toThrow(ApiError);
  });
});

describe("Standard Webhooks signatures", () => {
  it("verify with the reference implementation, and not with another secret or body", () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({
      id: "evt_1",
      type: "refund.succeeded",
      timestamp: new Date().toISOString(),
      data: { amount: 100 },
    });
    const headers = webhookHeaders(secret, "evt_1", body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace("100", "1000"), headers)).toThrow();
  });

  it("match the reference implementation's own signing", () => {
    const secret = generateWebhookSecret();
    const at = new Date("2026-11-23T12:00:00Z");
    expect(signWebhook(secret, "evt_42", at.getTime() / 1000, "{}")).toBe(
      new Webhook(secret).sign("evt_42", at, "{}"),
    );
  });
});
