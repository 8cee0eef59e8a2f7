// CSV exports open in a spreadsheet with ø and 中文 intact: each file starts with the UTF-8 byte
// order mark, which Excel needs to read a CSV as UTF-8 rather than the system's code page.
import { expect, test } from "@playwright/test";
import { OWNER, signInStaff } from "./console-helpers";

const BOM = [0xef, 0xbb, 0xbf];

test("the audit and analytics exports start with a UTF-8 byte order mark, then their header", async ({
  browser,
}) => {
  const { context, page } = await signInStaff(browser, OWNER);
  for (const [list, header] of [
    ["/merchant/audit", "id,time_utc,"],
    ["/merchant/analytics?preset=30d", "section,key,metric,value"],
  ] as const) {
    await page.goto(list);
    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const response = await context.request.get(href!);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const body = await response.body();
    expect([...body.subarray(0, 3)], list).toEqual(BOM);
    expect(body.subarray(3).toString("utf8").startsWith(header), list).toBe(true);
  }
  await context.close();
});
