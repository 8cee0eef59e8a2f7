import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { setDatabaseForTests } from "@/lib/db";
import { createTestDatabase } from "../fixtures/db";

afterEach(() => setDatabaseForTests(undefined));

describe("GET /api/health", () => {
  it("reports the driver, reachability and the applied migration", async () => {
    const database = await createTestDatabase();
    setDatabaseForTests(database);
    const response = await GET();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.database).toMatchObject({ driver: database.driver, reachable: true });
    expect(body.database.migration.hash).toMatch(/^[0-9a-f]{64}$/);
    await database.close();
  });

  it("answers 503 when the database is down", async () => {
    const database = await createTestDatabase();
    await database.close();
    setDatabaseForTests(database);
    const response = await GET();
    expect(response.status).toBe(503);
    expect((await response.json()).database.reachable).toBe(false);
  });
});
