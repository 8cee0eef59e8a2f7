"use client";
// Something we did not expect went wrong while rendering or in an action: say so plainly,
// offer to try again, and keep the shopper's way back to their order.
import Link from "next/link";
import { useEffect } from "react";
import { useErrorMessages } from "@/components/shop/error-messages";
import { clientTranslator } from "@/lib/i18n/client-messages";

export default function ShopError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = clientTranslator(useErrorMessages());
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div
      role="alert"
      className="mx-auto max-w-md rounded-2xl border border-red-200 bg-red-50 p-6 text-red-950"
    >
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2">{t("body")}</p>
      {error.digest && (
        <p className="mt-2 text-sm text-red-900">{t("reference", { digest: error.digest })}</p>
      )}
      <div className="mt-4 flex flex-wrap gap-3">
        <button
          type="button"
          onClick={reset}
          className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-900"
        >
          {t("retry")}
        </button>
        <Link
          href="/"
          className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2"
        >
          {t("home")}
        </Link>
      </div>
    </div>
  );
}
