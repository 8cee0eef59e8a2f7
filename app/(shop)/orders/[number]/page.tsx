import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { OrderSummary } from "@/components/orders/order-summary";
import { ORDER_ACCESS_COOKIE, readOrderAccessToken } from "@/lib/access/order-access";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getOrderForShopper } from "@/lib/orders/queries";
import Link from "next/link";

export const dynamic = "force-dynamic";

export default async function OrderPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  const t = await getTranslations("order");
  const orderId = readOrderAccessToken((await cookies()).get(ORDER_ACCESS_COOKIE)?.value, env().authSecret);
  if (!orderId) {
    return (
      <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4">
        {t("sessionExpired")}{" "}
        <Link href="/" className="font-medium underline">
          ↩
        </Link>
      </p>
    );
  }
  const data = await getOrderForShopper(await getDb(), orderId);
  if (!data || data.order.number !== decodeURIComponent(number)) notFound();
  return <OrderSummary data={data} locale={await getLocale()} />;
}
