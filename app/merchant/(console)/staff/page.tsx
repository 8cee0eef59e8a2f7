import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { AddStaffDialog, StaffTable } from "@/components/console/staff-manager";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type StaffRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { dateTime } from "@/lib/console/format";
import { getDb } from "@/lib/db";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { listStaff } from "@/lib/staff/queries";

export const metadata: Metadata = { title: "Staff" };
export const dynamic = "force-dynamic";

export default async function StaffPage() {
  const me = await requireStaff("owner");
  const db = await getDb();
  const [staff, store] = await Promise.all([listStaff(db), getStoreOrThrow(db)]);
  return (
    <>
      <PageHeader
        title="Staff"
        description="Who may use the console, and what they may do. Changes apply on their next click."
        actions={<AddStaffDialog />}
      />
      <StaffTable
        selfId={me.id}
        rows={staff.map((s) => ({
          id: s.id,
          email: s.email,
          name: s.name,
          role: s.role,
          disabled: Boolean(s.disabledAt),
          lastLogin: s.lastLoginAt ? dateTime(s.lastLoginAt, store.timeZone) : null,
        }))}
      />
      <dl className="mt-6 grid gap-3 text-sm sm:grid-cols-3">
        {(["owner", "agent", "viewer"] as StaffRole[]).map((r) => (
          <div key={r} className="rounded-lg border border-stone-200 bg-white p-3">
            <dt className="font-medium">{ROLE_LABELS[r]}</dt>
            <dd className="mt-0.5 text-stone-600">{ROLE_DESCRIPTIONS[r]}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
