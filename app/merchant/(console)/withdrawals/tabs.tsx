import Link from "next/link";
import { cn } from "@/components/ui/cn";

const TABS = [
  { href: "/merchant/withdrawals", label: "Withdrawals" },
  { href: "/merchant/withdrawals/refund-issues", label: "Refund fallbacks, holds and mismatches" },
] as const;

export function RightsTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Shopper rights views" className="mb-4 flex flex-wrap gap-1 border-b border-stone-200">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm",
            tab.href === current
              ? "border-brand-700 font-medium text-brand-900"
              : "border-transparent text-stone-600 hover:text-stone-900",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
