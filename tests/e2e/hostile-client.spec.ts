// What a hostile client sends to the edges of the app: malformed escapes in a path, server-action
// posts from another site or of a size only the return form's photos need. A clear 4xx, never a 500.
import { expect, test } from "@playwright/test";

test("a malformed escape in an order number or a receipt token is a 404, not a 500", async ({ request }) => {
  for (const path of ["/orders/%25/status", "/withdraw/receipt/%25", "/withdraw/received/%25"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
  }
});

test("a path whose escapes do not decode at all is a 400, not a 500", async ({ request }) => {
  for (const path of ["/orders/%E0%A4%A", "/merchant/orders/%E0%A4%A"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
  }
});

test("a server action posted from a foreign or null Origin is refused with 403", async ({
  request,
  baseURL,
}) => {
  for (const origin of ["https://evil.example", "null"]) {
    const response = await request.post("/", {
      headers: { "next-action": "0".repeat(42), origin, "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
    });
    expect(response.status(), origin).toBe(403);
  }
  // The same post from the app's own origin gets past the check (Next.js then answers for the id).
  const own = await request.post("/", {
    headers: { "next-action": "0".repeat(42), origin: baseURL!, "content-type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(own.status()).not.toBe(403);
  expect(own.status()).toBeLessThan(500);
});

test("a server action on the lookup page may not send a body of megabytes", async ({ request, baseURL }) => {
  const response = await request.post("/", {
    headers: { "next-action": "0".repeat(42), origin: baseURL!, "content-type": "text/plain;charset=UTF-8" },
    data: "x".repeat(2 * 1024 * 1024),
  });
  expect(response.status()).toBe(413);
});
