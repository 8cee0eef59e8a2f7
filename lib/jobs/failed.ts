// The dead-letter view: jobs that used up their retries stay in pg-boss's job table with state
// 'failed' (kept 30 days, see boss.ts) for staff to inspect and send round again.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { BOSS_SCHEMA } from "./boss";
import { rowsOf } from "./sql-adapter";

export type FailedJob = {
  id: string;
  name: string;
  data: unknown;
  /** The last attempt's error message. */
  error: string | null;
  attempts: number;
  createdAt: Date;
  failedAt: Date | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const jobTable = sql.raw(`${BOSS_SCHEMA}.job`);

export async function listFailedJobs(db: DbOrTx, options: { limit?: number } = {}): Promise<FailedJob[]> {
  const result = await db.execute(sql`
    select id, name, data, output, retry_count, created_on, completed_on
    from ${jobTable} where state = 'failed'
    order by completed_on desc nulls last limit ${options.limit ?? 100}`);
  return rowsOf(result).map((row) => ({
    id: String(row.id),
    name: String(row.name),
    data: row.data,
    error: errorMessage(row.output),
    attempts: Number(row.retry_count) + 1,
    createdAt: new Date(row.created_on as string),
    failedAt: row.completed_on ? new Date(row.completed_on as string) : null,
  }));
}

/**
 * Sends a failed job round again with a fresh set of retries. Its keep-until moves forward too,
 * or maintenance would archive an old job before it runs.
 */
export async function retryFailedJob(db: DbOrTx, jobId: string): Promise<void> {
  if (!UUID.test(jobId)) throw new DomainError("not_found", `No failed job ${jobId}.`);
  const result = await db.execute(sql`
    update ${jobTable} set state = 'retry', retry_count = 0, started_on = null, completed_on = null,
      start_after = now(), keep_until = greatest(keep_until, now() + interval '14 days')
    where id = ${jobId}::uuid and state = 'failed'
    returning id`);
  if (rowsOf(result).length === 0) {
    throw new DomainError("not_found", `No failed job ${jobId}: it may have been retried already.`);
  }
}

function errorMessage(output: unknown): string | null {
  const parsed = typeof output === "string" ? safeParse(output) : output;
  if (parsed && typeof parsed === "object" && "message" in parsed) return String(parsed.message);
  return null;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
