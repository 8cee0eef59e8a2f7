import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  arrivalWindow,
  businessDaysBetween,
  isBusinessDay,
  isOverdue,
  localDate,
} from "@/lib/calendar/business-days";

const OSLO = "Europe/Oslo";
const CHRISTMAS_2026 = ["2026-12-24", "2026-12-25", "2026-12-26"];
// Norwegian public holidays 2026 plus Christmas Eve and New Year's Eve (banks are closed),
// as a store would configure them.
const NORWAY_2026 = [
  "2026-01-01",
  "2026-04-02",
  "2026-04-03",
  "2026-04-05",
  "2026-04-06",
  "2026-05-01",
  "2026-05-14",
  "2026-05-17",
  "2026-05-24",
  "2026-05-25",
  ...CHRISTMAS_2026,
  "2026-12-31",
];

const utc = (iso: string) => new Date(iso);
const dayOfWeek = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

// Any calendar date 2000-01-01 … 2099-12-31 as YYYY-MM-DD.
const localDateArb = fc
  .integer({
    min: Date.UTC(2000, 0, 1) / 86_400_000,
    max: Date.UTC(2099, 11, 31) / 86_400_000,
  })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const holidaysArb = fc.array(localDateArb, { maxLength: 40 });
const instantArb = fc.date({
  min: utc("2000-01-01T00:00:00Z"),
  max: utc("2099-12-31T00:00:00Z"),
  noInvalidDate: true,
});

describe("localDate", () => {
  it("gives the Oslo date one hour ahead of UTC in winter", () => {
    expect(localDate(utc("2026-01-15T22:59:59Z"), OSLO)).toBe("2026-01-15");
    expect(localDate(utc("2026-01-15T23:00:00Z"), OSLO)).toBe("2026-01-16");
    expect(localDate(utc("2026-01-16T00:00:00Z"), OSLO)).toBe("2026-01-16");
  });

  it("gives the Oslo date two hours ahead of UTC in summer", () => {
    expect(localDate(utc("2026-07-01T21:59:59Z"), OSLO)).toBe("2026-07-01");
    expect(localDate(utc("2026-07-01T22:00:00Z"), OSLO)).toBe("2026-07-02");
    expect(localDate(utc("2026-07-01T23:59:59Z"), OSLO)).toBe("2026-07-02");
  });

  it("moves Oslo into the new year before UTC does", () => {
    expect(localDate(utc("2025-12-31T22:59:59Z"), OSLO)).toBe("2025-12-31");
    expect(localDate(utc("2025-12-31T23:00:00Z"), OSLO)).toBe("2026-01-01");
    expect(localDate(utc("2025-12-31T23:00:00Z"), "UTC")).toBe("2025-12-31");
  });

  it("follows the Oslo daylight-saving switches", () => {
    expect(localDate(utc("2026-03-28T22:59:59Z"), OSLO)).toBe("2026-03-28");
    expect(localDate(utc("2026-03-28T23:00:00Z"), OSLO)).toBe("2026-03-29");
    expect(localDate(utc("2026-10-24T21:59:59Z"), OSLO)).toBe("2026-10-24");
    expect(localDate(utc("2026-10-24T22:00:00Z"), OSLO)).toBe("2026-10-25");
    expect(localDate(utc("2026-10-25T22:59:59Z"), OSLO)).toBe("2026-10-25");
    expect(localDate(utc("2026-10-25T23:00:00Z"), OSLO)).toBe("2026-10-26");
  });

  it("handles zones ahead of and behind UTC", () => {
    expect(localDate(utc("2026-01-15T15:59:59Z"), "Asia/Shanghai")).toBe("2026-01-15");
    expect(localDate(utc("2026-01-15T16:00:00Z"), "Asia/Shanghai")).toBe("2026-01-16");
    expect(localDate(utc("2026-01-01T07:59:59Z"), "America/Los_Angeles")).toBe("2025-12-31");
    expect(localDate(utc("2026-01-01T08:00:00Z"), "America/Los_Angeles")).toBe("2026-01-01");
  });

  it("matches the ISO date for UTC at any instant", () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        expect(localDate(instant, "UTC")).toBe(instant.toISOString().slice(0, 10));
      }),
    );
  });

  it("is the UTC date or the next day in Oslo at any instant", () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        const utcDate = instant.toISOString().slice(0, 10);
        const nextDay = new Date(Date.parse(`${utcDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        expect([utcDate, nextDay]).toContain(localDate(instant, OSLO));
      }),
    );
  });

  it("throws on an invalid Date or an unknown time zone", () => {
    expect(() => localDate(new Date(Number.NaN), OSLO)).toThrow(RangeError);
    expect(() => localDate(utc("2026-01-01T00:00:00Z"), "Europe/Nowhere")).toThrow(RangeError);
  });
});

describe("isBusinessDay", () => {
  it("counts Monday to Friday and not the weekend", () => {
    // 2026-01-12 is a Monday.
    const week = [
      "2026-01-12",
      "2026-01-13",
      "2026-01-14",
      "2026-01-15",
      "2026-01-16",
      "2026-01-17",
      "2026-01-18",
    ];
    expect(week.map((d) => isBusinessDay(d, []))).toEqual([true, true, true, true, true, false, false]);
  });

  it("excludes holidays that fall on weekdays", () => {
    expect(isBusinessDay("2026-12-24", CHRISTMAS_2026)).toBe(false);
    expect(isBusinessDay("2026-12-25", CHRISTMAS_2026)).toBe(false);
    expect(isBusinessDay("2026-12-24", [])).toBe(true);
    expect(isBusinessDay("2026-04-06", NORWAY_2026)).toBe(false);
  });

  it("is never true on a Saturday or Sunday for any date", () => {
    fc.assert(
      fc.property(localDateArb, holidaysArb, (date, holidays) => {
        const weekend = [0, 6].includes(dayOfWeek(date));
        const expected = !weekend && !holidays.includes(date);
        expect(isBusinessDay(date, holidays)).toBe(expected);
      }),
    );
  });

  it("throws on malformed or impossible dates", () => {
    for (const bad of ["2026-1-5", "2026-02-30", "2026-13-01", "26-01-05", "2026-01-05T00:00", ""]) {
      expect(() => isBusinessDay(bad, [])).toThrow(RangeError);
    }
  });

  it("throws on a malformed holiday instead of ignoring it", () => {
    expect(() => isBusinessDay("2026-12-24", ["2026-12-32"])).toThrow(RangeError);
    expect(() => isBusinessDay("2026-12-24", ["24.12.2026"])).toThrow(RangeError);
  });
});

describe("addBusinessDays", () => {
  it("moves a Friday plus one business day to Monday", () => {
    expect(addBusinessDays("2026-01-09", 1, [])).toBe("2026-01-12");
  });

  it("counts a weekend start from the next business day", () => {
    expect(addBusinessDays("2026-01-10", 1, [])).toBe("2026-01-12");
    expect(addBusinessDays("2026-01-11", 1, [])).toBe("2026-01-12");
    expect(addBusinessDays("2026-01-10", 2, [])).toBe("2026-01-13");
  });

  it("moves a weekday plus one to the next weekday", () => {
    expect(addBusinessDays("2026-01-08", 1, [])).toBe("2026-01-09");
  });

  it("returns the start itself for zero days", () => {
    expect(addBusinessDays("2026-01-10", 0, [])).toBe("2026-01-10");
  });

  it("lands on the same weekday a week later after five business days", () => {
    expect(addBusinessDays("2026-01-12", 5, [])).toBe("2026-01-19");
    expect(addBusinessDays("2026-01-09", 10, [])).toBe("2026-01-23");
  });

  it("skips Christmas Eve, Christmas Day and Boxing Day", () => {
    expect(addBusinessDays("2026-12-23", 1, CHRISTMAS_2026)).toBe("2026-12-28");
    expect(addBusinessDays("2026-12-23", 3, CHRISTMAS_2026)).toBe("2026-12-30");
    expect(addBusinessDays("2026-12-23", 1, [])).toBe("2026-12-24");
  });

  it("skips the Norwegian Easter holidays", () => {
    // Wed 1 April → Maundy Thursday, Good Friday, weekend, Easter Monday are all closed.
    expect(addBusinessDays("2026-04-01", 1, NORWAY_2026)).toBe("2026-04-07");
  });

  it("crosses the new year past New Year's Eve and Day", () => {
    expect(addBusinessDays("2026-12-30", 1, [...NORWAY_2026, "2027-01-01"])).toBe("2027-01-04");
  });

  it("crosses month ends and leap days", () => {
    expect(addBusinessDays("2028-02-28", 1, [])).toBe("2028-02-29");
    expect(addBusinessDays("2027-02-26", 1, [])).toBe("2027-03-01");
  });

  it("rejects negative or fractional day counts", () => {
    expect(() => addBusinessDays("2026-01-09", -1, [])).toThrow(RangeError);
    expect(() => addBusinessDays("2026-01-09", 1.5, [])).toThrow(RangeError);
    expect(() => addBusinessDays("2026-01-09", Number.NaN, [])).toThrow(RangeError);
  });

  it("rejects a malformed start date or holiday", () => {
    expect(() => addBusinessDays("2026-01-32", 1, [])).toThrow(RangeError);
    expect(() => addBusinessDays("2026-01-09", 1, ["2026-1-12"])).toThrow(RangeError);
  });

  it("lands on a business day after the start for any positive count", () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: 1, max: 60 }), holidaysArb, (start, days, holidays) => {
        const end = addBusinessDays(start, days, holidays);
        expect(isBusinessDay(end, holidays)).toBe(true);
        expect(end > start).toBe(true);
      }),
    );
  });

  it("is undone by businessDaysBetween for any start and count", () => {
    fc.assert(
      fc.property(localDateArb, fc.nat({ max: 60 }), holidaysArb, (start, days, holidays) => {
        expect(businessDaysBetween(start, addBusinessDays(start, days, holidays), holidays)).toBe(days);
      }),
    );
  });

  it("adds in steps the same as all at once", () => {
    fc.assert(
      fc.property(
        localDateArb,
        fc.nat({ max: 30 }),
        fc.nat({ max: 30 }),
        holidaysArb,
        (start, a, b, holidays) => {
          const stepwise = addBusinessDays(addBusinessDays(start, a, holidays), b, holidays);
          expect(stepwise).toBe(addBusinessDays(start, a + b, holidays));
        },
      ),
    );
  });

  it("never arrives earlier when holidays are added", () => {
    fc.assert(
      fc.property(localDateArb, fc.nat({ max: 30 }), holidaysArb, (start, days, holidays) => {
        expect(addBusinessDays(start, days, holidays) >= addBusinessDays(start, days, [])).toBe(true);
      }),
    );
  });
});

describe("businessDaysBetween", () => {
  it("counts Friday to Monday as one business day", () => {
    expect(businessDaysBetween("2026-01-09", "2026-01-12", [])).toBe(1);
  });

  it("counts a Monday to the next Monday as five", () => {
    expect(businessDaysBetween("2026-01-12", "2026-01-19", [])).toBe(5);
  });

  it("is zero when the end is not after the start", () => {
    expect(businessDaysBetween("2026-01-12", "2026-01-12", [])).toBe(0);
    expect(businessDaysBetween("2026-01-19", "2026-01-12", [])).toBe(0);
  });

  it("is zero across a weekend alone", () => {
    expect(businessDaysBetween("2026-01-09", "2026-01-11", [])).toBe(0);
  });

  it("leaves out holidays", () => {
    expect(businessDaysBetween("2026-12-23", "2026-12-28", CHRISTMAS_2026)).toBe(1);
    expect(businessDaysBetween("2026-12-23", "2026-12-28", [])).toBe(3);
  });

  it("adds up over consecutive ranges", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(localDateArb, { minLength: 3, maxLength: 3 }),
        holidaysArb,
        (dates, holidays) => {
          const [a, b, c] = dates.sort() as [string, string, string];
          const split = businessDaysBetween(a, b, holidays) + businessDaysBetween(b, c, holidays);
          expect(split).toBe(businessDaysBetween(a, c, holidays));
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("arrivalWindow", () => {
  it("starts counting from the Oslo date the refund was sent, not the UTC date", () => {
    // Thursday 23:59 in Oslo vs Friday 00:00 in Oslo, both Thursday in UTC.
    expect(arrivalWindow(utc("2026-01-08T22:59:00Z"), [1, 2], OSLO, [])).toEqual({
      from: "2026-01-09",
      to: "2026-01-12",
    });
    expect(arrivalWindow(utc("2026-01-08T23:00:00Z"), [1, 2], OSLO, [])).toEqual({
      from: "2026-01-12",
      to: "2026-01-13",
    });
  });

  it("gives a 5–10 business day window for a card refund sent on a Friday", () => {
    expect(arrivalWindow(utc("2026-01-09T12:00:00Z"), [5, 10], OSLO, [])).toEqual({
      from: "2026-01-16",
      to: "2026-01-23",
    });
  });

  it("stretches over Christmas and New Year holidays", () => {
    const holidays = [...NORWAY_2026, "2027-01-01"];
    expect(arrivalWindow(utc("2026-12-22T10:00:00Z"), [5, 10], OSLO, holidays)).toEqual({
      from: "2027-01-04",
      to: "2027-01-11",
    });
  });

  it("rejects a window whose minimum is above its maximum", () => {
    expect(() => arrivalWindow(utc("2026-01-09T12:00:00Z"), [10, 5], OSLO, [])).toThrow(RangeError);
  });

  it("never ends before it starts, and neither end precedes the send date", () => {
    fc.assert(
      fc.property(
        instantArb,
        fc.nat({ max: 20 }),
        fc.nat({ max: 20 }),
        holidaysArb,
        (sentAt, a, b, holidays) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const { from, to } = arrivalWindow(sentAt, [min, max], OSLO, holidays);
          const sent = localDate(sentAt, OSLO);
          expect(from <= to).toBe(true);
          expect(from >= sent).toBe(true);
        },
      ),
    );
  });
});

describe("isOverdue", () => {
  it("is not overdue until the Oslo date passes the last expected day", () => {
    expect(isOverdue("2026-01-16", utc("2026-01-16T22:59:59Z"), OSLO)).toBe(false);
    expect(isOverdue("2026-01-16", utc("2026-01-16T23:00:00Z"), OSLO)).toBe(true);
  });

  it("uses the store's zone, not UTC, to decide", () => {
    expect(isOverdue("2026-01-16", utc("2026-01-16T23:00:00Z"), "UTC")).toBe(false);
  });

  it("is not overdue before or on the expected day", () => {
    expect(isOverdue("2026-01-16", utc("2026-01-10T12:00:00Z"), OSLO)).toBe(false);
    expect(isOverdue("2026-01-16", utc("2026-01-16T12:00:00Z"), OSLO)).toBe(false);
  });

  it("is never overdue on the expected day itself, at any instant", () => {
    fc.assert(
      fc.property(instantArb, (now) => {
        expect(isOverdue(localDate(now, OSLO), now, OSLO)).toBe(false);
      }),
    );
  });

  it("rejects a malformed expected date", () => {
    expect(() => isOverdue("16.01.2026", utc("2026-01-16T12:00:00Z"), OSLO)).toThrow(RangeError);
  });
});
