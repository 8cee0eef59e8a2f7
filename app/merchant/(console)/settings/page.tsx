import type { Metadata } from "next";
import { AutomationControl } from "@/components/console/automation-control";
import { PageHeader, Panel } from "@/components/console/page-header";
import { SettingsForm } from "@/components/console/settings-form";
import { requireStaff } from "@/lib/auth/session";
import { dateTime, toMajor } from "@/lib/console/format";
import { getDb } from "@/lib/db";
import { currencyMinorDigits } from "@/lib/money";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { returnAddressFormValues } from "@/lib/settings/return-address";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  await requireStaff("owner");
  const store = await getStoreOrThrow(await getDb());
  return (
    <>
      <PageHeader
        title="Settings"
        description="Changes apply to new requests at once and are recorded in the audit log."
      />
      <div className="grid gap-5 lg:grid-cols-3">
        <Panel title="Store settings" id="settings" className="lg:col-span-2">
          <SettingsForm
            values={{
              name: store.name,
              timeZone: store.timeZone,
              currency: store.currency,
              returnWindowDays: store.returnWindowDays,
              shipBySlaDays: store.shipBySlaDays,
              maxRefundPerOrder: toMajor(store.maxRefundPerOrder, currencyMinorDigits(store.currency)),
              autoRefundEnabled: store.autoRefundEnabled,
              arrivalWindows: store.arrivalWindows,
              holidays: store.holidays,
              locales: store.locales,
              defaultLocale: store.defaultLocale,
              returnAddress: returnAddressFormValues(store.returnAddress),
            }}
          />
        </Panel>
        <Panel title="Automation" id="automation">
          <AutomationControl
            paused={Boolean(store.automationPausedAt)}
            reason={store.automationPausedReason}
            since={store.automationPausedAt ? dateTime(store.automationPausedAt, store.timeZone) : null}
          />
        </Panel>
      </div>
    </>
  );
}
