import Link from "next/link";
import type { ReactNode } from "react";

export function PageHeader({
  title,
  description,
  actions,
  back,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  back?: { href: string; label: string };
}) {
  return (
    <div className="mb-5">
      {back && (
        <Link href={back.href} className="text-sm text-stone-600 hover:text-stone-900">
          ← {back.label}
        </Link>
      )}
      <div className="mt-1 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-stone-900">{title}</h1>
          {description && <div className="mt-1 text-sm text-stone-600">{description}</div>}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
    </div>
  );
}

export function Panel({
  title,
  actions,
  children,
  className,
  id,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section
      aria-labelledby={headingId}
      className={`rounded-lg border border-stone-200 bg-white ${className ?? ""}`}
    >
      {(title || actions) && (
        <div className="flex items-center justify-between gap-3 border-b border-stone-100 px-4 py-2.5">
          {title && (
            <h2 id={headingId} className="text-sm font-semibold text-stone-900">
              {title}
            </h2>
          )}
          {actions}
        </div>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}

/** A definition list of label/value pairs, two columns on wide screens. */
export function Facts({ items }: { items: [ReactNode, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
      {items.map(([label, value], i) => (
        <div key={i} className="contents">
          <dt className="text-stone-600">{label}</dt>
          <dd className="min-w-0 text-stone-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
