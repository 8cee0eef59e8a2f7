import type { Metadata } from "next";

export const metadata: Metadata = {
  title: { default: "Console", template: "%s · Aftercare console" },
  robots: { index: false, follow: false },
};

export default function MerchantLayout({ children }: { children: React.ReactNode }) {
  return <div className="min-h-screen bg-stone-100/70">{children}</div>;
}
