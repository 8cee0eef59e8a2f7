"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { ATTENTION_COUNT_CAP, formatCount } from "@/lib/console/counts";

export type NavItem = {
  href: string;
  label: string;
  /** A count capped at ATTENTION_COUNT_CAP + 1 (getAttentionCounts), shown as "999+" past the cap. */
  count?: number;
  countTone?: "red" | "amber" | "neutral";
};

export function ConsoleNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console">
      <ul className="space-y-0.5">
        {items.map((item) => {
          const active = item.href === "/merchant" ? pathname === item.href : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center justify-between rounded-md px-2.5 py-1.5 text-sm",
                  active ? "bg-brand-700 font-medium text-white" : "text-stone-700 hover:bg-stone-200/70",
                )}
              >
                <span>{item.label}</span>
                {item.count ? (
                  <span
                    className={cn(
                      "min-w-5 rounded-full px-1.5 text-center text-xs font-semibold tabular-nums",
                      active
                        ? "bg-white/20 text-white"
                        : item.countTone === "red"
                          ? "bg-red-100 text-red-800"
                          : item.countTone === "amber"
                            ? "bg-amber-100 text-amber-900"
                            : "bg-stone-200 text-stone-700",
                    )}
                  >
                    {formatCount(item.count, ATTENTION_COUNT_CAP)}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
