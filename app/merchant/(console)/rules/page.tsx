import type { Metadata } from "next";
import { PageHeader, Panel } from "@/components/console/page-header";
import { LiveRules } from "@/components/console/rules/live-rules";
import { RulesEditor } from "@/components/console/rules/rules-editor";
import { RuleVersions } from "@/components/console/rules/rule-versions";
import { hasRole } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getLiveRuleSet, listRuleSetVersions } from "@/lib/rules/rule-sets";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { staffNames } from "@/lib/staff/queries";

export const metadata: Metadata = { title: "Rules" };
export const dynamic = "force-dynamic";

export default async function RulesPage() {
  const staff = await requireStaff("viewer");
  const db = await getDb();
  const store = await getStoreOrThrow(db);
  const [live, versions, names] = await Promise.all([
    getLiveRuleSet(db, store.id),
    listRuleSetVersions(db, store.id),
    staffNames(db),
  ]);
  return (
    <>
      <PageHeader
        title="Rules"
        description="Each request is decided by the first enabled rule whose conditions all hold. Simulate a draft on recent requests before saving it as a new version."
      />
      <div className="grid gap-5 lg:grid-cols-3">
        <Panel title={`Live rules (version ${live.version})`} id="live-rules" className="lg:col-span-2">
          <LiveRules rules={live.rules} currency={store.currency} />
        </Panel>
        <Panel title="Versions" id="versions">
          <RuleVersions
            versions={versions.map((v) => ({
              ...v,
              by: v.createdById ? (names.get(v.createdById) ?? "Former staff member") : "System",
            }))}
            timeZone={store.timeZone}
          />
        </Panel>
      </div>
      <div className="mt-5">
        <RulesEditor
          initialJson={JSON.stringify(live.rules, null, 2)}
          currency={store.currency}
          canSave={hasRole(staff.role, "owner")}
        />
      </div>
    </>
  );
}
