// Capped counts in the console: exact up to the cap, "cap+" past it, and still right when two
// capped counts are added (the navigation's refunds badge is failed + overdue).
import { describe, expect, it } from "vitest";
import { ATTENTION_COUNT_CAP, formatCount, QUEUE_COUNT_CAP } from "@/lib/console/counts";

describe("formatCount", () => {
  it("shows a count up to its cap as it is, grouped for reading", () => {
    expect(formatCount(0, ATTENTION_COUNT_CAP)).toBe("0");
    expect(formatCount(999, ATTENTION_COUNT_CAP)).toBe("999");
    expect(formatCount(9_999, QUEUE_COUNT_CAP)).toBe("9,999");
    expect(formatCount(10_000, QUEUE_COUNT_CAP)).toBe("10,000");
  });

  it("shows the cap with a plus once a count reached past it", () => {
    expect(formatCount(1_000, ATTENTION_COUNT_CAP)).toBe("999+");
    expect(formatCount(10_001, QUEUE_COUNT_CAP)).toBe("10,000+");
  });

  it("stays right for the sum of two capped counts", () => {
    const capped = (exact: number) => Math.min(exact, ATTENTION_COUNT_CAP + 1);
    for (const [a, b] of [
      [0, 999],
      [500, 500],
      [998, 1],
      [5_000, 0],
      [3, 70_000],
    ] as const) {
      const shown = formatCount(capped(a) + capped(b), ATTENTION_COUNT_CAP);
      expect(shown, `${a} + ${b}`).toBe(a + b > ATTENTION_COUNT_CAP ? "999+" : String(a + b));
    }
  });
});
