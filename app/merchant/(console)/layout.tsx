import Link from "next/link";
import { ConsoleNav, type NavItem } from "@/components/console/nav";
import { SignOutButton } from "@/components/console/sign-out-button";
import { Badge } from "@/components/ui/badge";
import { hasRole, ROLE_LABELS } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { age } from "@/lib/console/format";
import { getAttentionCounts } from "@/lib/console/queries";
import { getDb } from "@/lib/db";
import { countMoneyNeedingStaff } from "@/lib/fallbacks/queries";
import { getStoreOrThrow } from "@/lib/settings/queries";

export const dynamic = "force-dynamic";

// The shell only. Every page below checks the role it needs itself (a layout does not run
// again on client navigation, and must never be the only check).
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff("viewer");
  const db = await getDb();
  const [store, counts, moneyIssues] = await Promise.all([
    getStoreOrThrow(db),
    getAttentionCounts(db),
    countMoneyNeedingStaff(db),
  ]);
  const items: NavItem[] = [
    { href: "/merchant", label: "Overview" },
    { href: "/merchant/requests", label: "Requests", count: counts.needsDecision, countTone: "amber" },
    { href: "/merchant/orders", label: "Orders" },
    { href: "/merchant/risk", label: "Risk", count: counts.riskyOrders, countTone: "red" },
    {
      href: "/merchant/refunds",
      label: "Refunds",
      count: counts.failedRefunds + counts.overdueRefunds,
      countTone: "red",
    },
    { href: "/merchant/withdrawals", label: "Withdrawals", count: moneyIssues, countTone: "red" },
    { href: "/merchant/analytics", label: "Analytics" },
    { href: "/merchant/rules", label: "Rules" },
    { href: "/merchant/audit", label: "Audit log" },
    { href: "/merchant/outbox", label: "Mail outbox" },
    ...(hasRole(staff.role, "owner")
      ? [
          { href: "/merchant/settings", label: "Settings" },
          { href: "/merchant/staff", label: "Staff" },
          { href: "/merchant/api-keys", label: "API keys" },
          { href: "/merchant/webhooks", label: "Webhooks" },
        ]
      : []),
  ];
  return (
    <div className="flex min-h-screen">
      <a
        href="#console-main"
        className="sr-only z-50 rounded bg-white px-3 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      {/* The column carries the background down the whole page; the menu inside stays in view. */}
      <aside
        aria-label="Console menu"
        className="hidden w-48 shrink-0 border-r border-stone-200 bg-stone-50 md:block xl:w-56"
      >
        <div className="sticky top-0 flex h-screen flex-col px-3 py-4">
          <Link href="/merchant" className="px-2.5">
            <span className="block text-xs font-medium tracking-wide text-brand-700 uppercase">
              Aftercare
            </span>
            <span className="block truncate text-sm font-semibold text-stone-900">{store.name}</span>
          </Link>
          <div className="mt-5 flex-1 overflow-y-auto">
            <ConsoleNav items={items} />
          </div>
          <div className="border-t border-stone-200 pt-3 text-xs">
            <p className="truncate px-2.5 font-medium text-stone-800" title={staff.email}>
              {staff.name ?? staff.email}
            </p>
            <div className="mt-1 flex items-center justify-between px-2.5">
              <Badge tone="brand">{ROLE_LABELS[staff.role]}</Badge>
              <SignOutButton />
            </div>
          </div>
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <header className="flex items-center justify-between border-b border-stone-200 bg-stone-50 px-4 py-2 md:hidden">
          <span className="text-sm font-semibold">{store.name}</span>
          <SignOutButton />
        </header>
        <div className="border-b border-stone-200 bg-stone-50 px-4 py-2 md:hidden">
          <details>
            <summary className="cursor-pointer text-sm font-medium">Menu</summary>
            <div className="mt-2">
              <ConsoleNav items={items} />
            </div>
          </details>
        </div>
        <main id="console-main" className="mx-auto max-w-7xl px-4 py-6 xl:px-8">
          {store.automationPausedAt && (
            <div
              role="alert"
              className="mb-5 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
            >
              <strong>Automatic refunds are paused</strong> since {age(store.automationPausedAt, new Date())}{" "}
              ago: {store.automationPausedReason ?? "no reason given"}. Every request waits for a person.{" "}
              <Link href="/merchant/settings#automation" className="font-medium underline">
                Review automation
              </Link>
            </div>
          )}
          {children}
        </main>
      </div>
    </div>
  );
}
