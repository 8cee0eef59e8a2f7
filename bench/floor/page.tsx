// Copied into the bench's build only (bench/lib/app.ts), as app/(shop)/bench-floor/page.tsx: a
// shopper page rendered on every request inside the shop's layout, reading nothing. What it costs
// is the framework's and the layout's floor under any shopper page.
export const dynamic = "force-dynamic";

export default async function BenchFloorPage() {
  return (
    <section className="space-y-2">
      <h1 className="text-xl font-semibold">Floor</h1>
      <p>{new Date().toISOString()}</p>
    </section>
  );
}
