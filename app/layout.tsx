import type { Metadata, Viewport } from "next";
import { getLocale } from "next-intl/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Nordlys Supply — Orders and returns", template: "%s · Nordlys Supply" },
  description: "Cancel an order, return items and follow your refund.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#184b45" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale === "zh" ? "zh-CN" : locale}>
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased">{children}</body>
    </html>
  );
}
