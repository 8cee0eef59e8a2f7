import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { renderWithdrawalReceipt } from "@/lib/withdrawals/receipt";
import { readReceiptToken } from "@/lib/withdrawals/receipt-token";
import { getWithdrawalById } from "@/lib/withdrawals/queries";
import { decodeParam } from "@/lib/text";

export const dynamic = "force-dynamic";

/** The downloadable copy of a withdrawal, behind its signed link. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const id = readReceiptToken(decodeParam(token) ?? "", env().authSecret);
  const found = id ? await getWithdrawalById(await getDb(), id) : null;
  if (!found)
    return new Response("Not found\n", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const { withdrawal: w, storeName } = found;
  const stamp = w.submittedAt.toISOString().slice(0, 19).replace(/[-:]/g, "");
  return new Response(renderWithdrawalReceipt(w, { storeName }), {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="withdrawal-${w.orderNumber}-${stamp}Z.txt"`,
      "cache-control": "private, no-store",
      "x-robots-tag": "noindex",
    },
  });
}
