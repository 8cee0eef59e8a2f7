import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/** A dense data table; wrap in a labelled region so screen readers can find it. */
export function Table({ className, label, ...props }: ComponentProps<"table"> & { label?: string }) {
  return (
    // Focusable so keyboard users can scroll a table wider than the screen.
    <div
      role="group"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-stone-200 bg-white"
    >
      <table aria-label={label} className={cn("w-full border-collapse text-sm", className)} {...props} />
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-stone-200 bg-stone-50 text-left text-xs font-medium tracking-wide text-stone-600 uppercase">
      {children}
    </thead>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-stone-100">{children}</tbody>;
}

export function Tr({
  className,
  highlight,
  ...props
}: ComponentProps<"tr"> & { highlight?: "red" | "amber" }) {
  return (
    <tr
      className={cn(
        "hover:bg-stone-50/80",
        highlight === "red" && "bg-red-50/60",
        highlight === "amber" && "bg-amber-50/60",
        className,
      )}
      {...props}
    />
  );
}

export function Th({ className, align, ...props }: ComponentProps<"th"> & { align?: "right" }) {
  return (
    <th
      scope="col"
      className={cn(
        "px-2 py-2 align-bottom font-medium xl:px-3",
        align === "right" && "text-right",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, align, ...props }: ComponentProps<"td"> & { align?: "right" }) {
  return (
    <td
      className={cn("px-2 py-2 align-top xl:px-3", align === "right" && "text-right tabular-nums", className)}
      {...props}
    />
  );
}

export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-10 text-center text-sm text-stone-600">
        {children}
      </td>
    </tr>
  );
}
