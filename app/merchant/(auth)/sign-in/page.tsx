import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/console/sign-in-form";
import { getStaffSession } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; reason?: string; error?: string }>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getStaffSession()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <p className="text-center text-sm font-medium tracking-wide text-brand-700 uppercase">Aftercare</p>
        <h1 className="mt-1 text-center text-2xl font-semibold tracking-tight">Sign in to the console</h1>
        <div className="mt-6 rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
          <SignInForm
            callbackUrl={callbackUrl}
            expired={params.reason === "expired"}
            linkFailed={params.error === "Verification"}
          />
        </div>
        <p className="mt-4 text-center text-xs text-stone-600">
          Staff only. Shoppers find their order on the{" "}
          <Link href="/" className="underline underline-offset-2">
            order lookup
          </Link>
          .
        </p>
      </div>
    </main>
  );
}
