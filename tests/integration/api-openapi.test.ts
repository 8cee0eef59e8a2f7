import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { type AnyJson, apiRouteFiles, HTTP_METHODS } from "./api-harness";

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(openApiDocument() as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(openApiDocument().openapi).toBe("3.1.0");
  });

  it("lists every route handler under app/api/v1, and nothing that does not exist", async () => {
    const documented = new Set(
      Object.entries(openApiDocument().paths ?? {}).flatMap(([path, item]) =>
        Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const handlers = new Set<string>();
    const routes = apiRouteFiles();
    expect(routes.length).toBeGreaterThanOrEqual(13);
    for (const route of routes) {
      const mod = (await import(route.file)) as Record<string, unknown>;
      for (const method of HTTP_METHODS)
        if (typeof mod[method] === "function") handlers.add(`${method} ${route.pattern}`);
    }
    expect([...handlers].sort()).toEqual([...documented].sort());
  });

  it("is served at /api/v1/openapi.json without a key", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const response = GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("documents the error shape, bearer auth and Retry-After on every protected route", () => {
    const doc = openApiDocument();
    expect(doc.components?.securitySchemes?.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const op of Object.values(
        item as Record<string, { security?: unknown[]; responses: Record<string, AnyJson> }>,
      )) {
        if (path === "/openapi.json") continue;
        expect(op.responses["401"].content["application/json"].schema).toEqual({
          $ref: "#/components/schemas/Error",
        });
        expect(op.responses["429"].headers).toHaveProperty("Retry-After");
      }
    }
  });
});
