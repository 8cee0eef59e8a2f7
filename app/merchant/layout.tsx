import type { Metadata } from "next";

export const metadata: Metadata = {
  title: { default: "Console", template: "%s · Aftercare console" },
  robots: { index: false, follow: false },
  // The shop's mark is app/(shop)/icon.svg; staff tell the console's tab apart by its own.
  icons: { icon: { url: "/console-icon.svg", type: "image/svg+xml" } },
};

export default function MerchantLayout({ children }: { children: React.ReactNode }) {
  return <div className="min-h-screen bg-stone-100/70">{children}</div>;
}
