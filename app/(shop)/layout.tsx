import { getTranslations } from "next-intl/server";
import { ErrorMessagesProvider } from "@/components/shop/error-messages";
import { ShopFooter } from "@/components/shop/shop-footer";
import { ShopHeader } from "@/components/shop/shop-header";
import { getClientMessages } from "@/lib/i18n/client-messages.server";

export default async function ShopLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-brand-900 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        {t("skipToContent")}
      </a>
      <ShopHeader />
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-6 sm:py-10">
        <ErrorMessagesProvider messages={await getClientMessages("errorPage")}>
          {children}
        </ErrorMessagesProvider>
      </main>
      <ShopFooter />
    </div>
  );
}
