import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Keyset pagination: "Newer/Older" links carry a cursor, never an offset. */
export function Pagination({
  summary,
  prevHref,
  nextHref,
}: {
  summary: string;
  prevHref?: string | null;
  nextHref?: string | null;
}) {
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-stone-600">
      <p aria-live="polite">{summary}</p>
      <div className="flex gap-2">
        {prevHref ? (
          <Link href={prevHref} className={buttonClass("secondary", "sm")} rel="prev">
            ← First page
          </Link>
        ) : null}
        {nextHref ? (
          <Link href={nextHref} className={buttonClass("secondary", "sm")} rel="next">
            Next page →
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
