import { describe, expect, it } from "vitest";
import { statementNamer } from "@/lib/db/statement-names";
import { parseEnv } from "@/lib/env";

describe("statementNamer", () => {
  it("names a text on its second sighting, and keeps that name", () => {
    const name = statementNamer();
    expect(name("select $1")).toBeUndefined();
    expect(name("select $1")).toBe("aftercare_1");
    expect(name("select $1")).toBe("aftercare_1");
    expect(name("select $2")).toBeUndefined();
    expect(name("select $2")).toBe("aftercare_2");
    expect(name("select $1")).toBe("aftercare_1");
  });

  it("names at most maxNamed texts; later ones stay unnamed, earlier ones keep their names", () => {
    const name = statementNamer(1);
    name("a");
    expect(name("a")).toBe("aftercare_1");
    name("b");
    expect(name("b")).toBeUndefined();
    expect(name("b")).toBeUndefined();
    expect(name("a")).toBe("aftercare_1");
  });
});

describe("DATABASE_PREPARED_STATEMENTS", () => {
  const parse = (value?: string) =>
    parseEnv({ NODE_ENV: "test", DATABASE_PREPARED_STATEMENTS: value }).DATABASE_PREPARED_STATEMENTS;
  it("is on unless set to false, and refuses anything but a flag", () => {
    expect(parse()).toBe(true);
    expect(parse("false")).toBe(false);
    expect(() => parse("off")).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });
});
