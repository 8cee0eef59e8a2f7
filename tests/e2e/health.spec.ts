import { expect, test } from "@playwright/test";

test("the health route reports the embedded database and the applied migration", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.database.driver).toBe("pglite");
  expect(body.database.reachable).toBe(true);
  expect(body.database.migration.hash).toMatch(/^[0-9a-f]{64}$/);
});
