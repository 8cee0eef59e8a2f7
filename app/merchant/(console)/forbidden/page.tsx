import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { ButtonLink } from "@/components/ui/button";
import { isStaffRole, ROLE_LABELS } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Not allowed" };
export const dynamic = "force-dynamic";

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const staff = await requireStaff("viewer");
  const { need } = await searchParams;
  return (
    <>
      <PageHeader title="You can't open that page" />
      <p className="max-w-prose text-sm text-stone-700">
        You are signed in as <strong>{ROLE_LABELS[staff.role]}</strong>
        {isStaffRole(need) ? (
          <>
            ; that page needs the <strong>{ROLE_LABELS[need]}</strong> role
          </>
        ) : null}
        . Ask an owner if you need more access.
      </p>
      <ButtonLink href="/merchant" className="mt-4">
        Back to the overview
      </ButtonLink>
    </>
  );
}
