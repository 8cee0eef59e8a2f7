import type { ReactNode } from "react";

/** A confirmation after a redirect (request received, withdrawn), announced politely. */
export function FlashNotice({ children }: { children: ReactNode }) {
  return (
    <p
      role="status"
      className="flex items-start gap-2 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900"
    >
      <span aria-hidden>✓</span>
      <span>{children}</span>
    </p>
  );
}
