import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { isGatewayError, MissingGatewayError } from "@/lib/gateways/types";
import { applyGatewayWebhook } from "@/lib/refunds/webhooks";

export const dynamic = "force-dynamic";

/** Gateway → us: refund status updates, verified with the gateway's own signature scheme. */
export async function POST(request: Request, { params }: { params: Promise<{ gateway: string }> }) {
  const { gateway } = await params;
  const body = await request.text();
  try {
    const applied = await applyGatewayWebhook(await getDb(), gateway, body, request.headers);
    return NextResponse.json({ received: true, applied });
  } catch (error) {
    if (isGatewayError(error) && error.code === "invalid_signature") {
      return NextResponse.json(
        { error: { code: "invalid_signature", message: "Signature check failed." } },
        { status: 400 },
      );
    }
    if (error instanceof MissingGatewayError) {
      return NextResponse.json({ error: { code: "not_found", message: error.message } }, { status: 404 });
    }
    throw error;
  }
}
