import { Badge } from "@/components/ui/badge";
import { dateTime } from "@/lib/console/format";

export type RuleVersionItem = {
  version: number;
  live: boolean;
  note: string | null;
  createdAt: Date;
  by: string;
};

export function RuleVersions({ versions, timeZone }: { versions: RuleVersionItem[]; timeZone: string }) {
  if (versions.length === 0) return <p className="text-sm text-stone-600">No versions saved yet.</p>;
  return (
    <ol className="divide-y divide-stone-100 text-sm">
      {versions.map((v) => (
        <li key={v.version} className="py-2 first:pt-0 last:pb-0">
          <div className="flex items-center gap-2">
            <span className="font-semibold text-stone-900">Version {v.version}</span>
            {v.live && <Badge tone="green">Live</Badge>}
          </div>
          <p className="text-stone-800">{v.note ?? "No note"}</p>
          <p className="text-xs text-stone-600">
            {dateTime(v.createdAt, timeZone)} · {v.by}
          </p>
        </li>
      ))}
    </ol>
  );
}
