// Shown while a console page loads its data: the page's outline, so nothing jumps.
export default function ConsoleLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <span className="sr-only">Loading…</span>
      <div className="h-6 w-48 rounded bg-stone-200" />
      <div className="mt-2 h-4 w-96 max-w-full rounded bg-stone-200" />
      <div className="mt-6 space-y-2 rounded-lg border border-stone-200 bg-white p-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-5 rounded bg-stone-100" />
        ))}
      </div>
    </div>
  );
}
