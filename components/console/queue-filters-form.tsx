import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/field";
import { QUEUE_SORTS, QUEUE_VIEWS, type QueueFilters, queueHref } from "@/lib/console/queue-filters";
import { reasonLabel, toMajor } from "@/lib/console/format";
import { CANCELLATION_REASONS, RETURN_REASONS } from "@/lib/requests/schemas";

function Labelled({
  label,
  children,
  htmlFor,
}: {
  label: string;
  htmlFor: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={htmlFor} className="block text-xs font-medium text-stone-600">
        {label}
      </label>
      <div className="mt-0.5">{children}</div>
    </div>
  );
}

/** Filters as a plain GET form: works without JavaScript and every view is a shareable link. */
export function QueueFiltersForm({ filters }: { filters: QueueFilters }) {
  const reasons = [...new Set([...CANCELLATION_REASONS, ...RETURN_REASONS])];
  return (
    <div className="mb-4 space-y-3">
      <nav aria-label="Queue views" className="flex flex-wrap gap-1 border-b border-stone-200">
        {Object.entries(QUEUE_VIEWS).map(([key, view]) => (
          <Link
            key={key}
            href={queueHref({ view: key })}
            aria-current={filters.view === key ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm",
              filters.view === key
                ? "border-brand-700 font-medium text-brand-900"
                : "border-transparent text-stone-600 hover:text-stone-900",
            )}
          >
            {view.label}
          </Link>
        ))}
      </nav>
      <form
        method="get"
        action="/merchant/requests"
        className="flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Filter requests"
      >
        <input type="hidden" name="view" value={filters.view} />
        <Labelled label="Search" htmlFor="q-search">
          <Input
            id="q-search"
            name="q"
            defaultValue={filters.q}
            placeholder="#1012 or e-mail"
            className="w-48"
          />
        </Labelled>
        <Labelled label="Type" htmlFor="q-type">
          <Select id="q-type" name="type" defaultValue={filters.type ?? ""}>
            <option value="">Any</option>
            <option value="cancellation">Cancellation</option>
            <option value="return">Return</option>
          </Select>
        </Labelled>
        <Labelled label="Reason" htmlFor="q-reason">
          <Select id="q-reason" name="reason" defaultValue={filters.reason ?? ""}>
            <option value="">Any</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {reasonLabel(r)}
              </option>
            ))}
          </Select>
        </Labelled>
        <Labelled label="Older than" htmlFor="q-age">
          <Select id="q-age" name="minAgeDays" defaultValue={filters.minAgeDays?.toString() ?? ""}>
            <option value="">Any age</option>
            <option value="1">1 day</option>
            <option value="2">2 days</option>
            <option value="3">3 days</option>
            <option value="7">7 days</option>
            <option value="14">14 days</option>
          </Select>
        </Labelled>
        <Labelled label="Refund from" htmlFor="q-min">
          <Input
            id="q-min"
            name="minAmount"
            inputMode="decimal"
            defaultValue={filters.minAmount !== undefined ? toMajor(filters.minAmount) : ""}
            className="w-24"
          />
        </Labelled>
        <Labelled label="Refund to" htmlFor="q-max">
          <Input
            id="q-max"
            name="maxAmount"
            inputMode="decimal"
            defaultValue={filters.maxAmount !== undefined ? toMajor(filters.maxAmount) : ""}
            className="w-24"
          />
        </Labelled>
        <Labelled label="Risk" htmlFor="q-risk">
          <Select id="q-risk" name="risk" defaultValue={filters.risk ?? ""}>
            <option value="">Any</option>
            <option value="elevated">Medium or high</option>
            <option value="high">High</option>
          </Select>
        </Labelled>
        <Labelled label="Sort" htmlFor="q-sort">
          <Select id="q-sort" name="sort" defaultValue={filters.sort}>
            {Object.entries(QUEUE_SORTS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </Select>
        </Labelled>
        <label className="flex items-center gap-1.5 pb-1.5 text-sm">
          <input
            type="checkbox"
            name="held"
            value="1"
            defaultChecked={Boolean(filters.held)}
            className="size-4 accent-brand-700"
          />
          Automation held
        </label>
        <div className="flex gap-2">
          <Button type="submit" variant="primary">
            Apply
          </Button>
          <Link href={queueHref({ view: filters.view })} className={buttonClass("ghost")}>
            Reset
          </Link>
        </div>
      </form>
    </div>
  );
}
