// Job name → handler and retry policy. Each slice registers its jobs with `defineJob` in its own
// file; `lib/jobs/all.ts` imports those files so a worker knows every handler.
import type { Db } from "@/lib/db";
import type { JobName, JobPayloads } from "./names";

export type JobContext = {
  id: string;
  name: JobName;
  /** 0 on the first attempt, then 1, 2, … */
  retryCount: number;
  retryLimit: number;
  /** No retry follows if this attempt throws: the job lands in the failed list. */
  isLastAttempt: boolean;
};

export type JobHandler<N extends JobName> = (db: Db, data: JobPayloads[N], job: JobContext) => Promise<void>;

export type JobPolicy = {
  /** Retries after the first attempt. */
  retryLimit: number;
  /** Seconds before the first retry; doubles on each further retry (with jitter). */
  retryDelay: number;
  retryBackoff: boolean;
  /** Ceiling on one retry's delay, in seconds; pg-boss 10 has none of its own. */
  maxRetryDelay: number;
  /** A run longer than this is failed (and retried), in seconds. */
  expireInSeconds: number;
};

export const DEFAULT_JOB_POLICY: JobPolicy = {
  retryLimit: 5,
  retryDelay: 10,
  retryBackoff: true,
  maxRetryDelay: 15 * 60,
  expireInSeconds: 15 * 60,
};

export type JobDefinition<N extends JobName = JobName> = {
  name: N;
  handler: JobHandler<N>;
  policy: JobPolicy;
};

const registry = new Map<JobName, JobDefinition>();

export function defineJob<N extends JobName>(
  name: N,
  handler: JobHandler<N>,
  policy: Partial<JobPolicy> = {},
): JobDefinition<N> {
  const definition: JobDefinition<N> = { name, handler, policy: { ...DEFAULT_JOB_POLICY, ...policy } };
  registry.set(name, definition as unknown as JobDefinition);
  return definition;
}

export function getJobDefinition(name: JobName): JobDefinition | undefined {
  return registry.get(name);
}

export function listJobDefinitions(): JobDefinition[] {
  return [...registry.values()];
}

/** The policy a queue is created with: the registered one, else the default. */
export function jobPolicy(name: JobName): JobPolicy {
  return registry.get(name)?.policy ?? DEFAULT_JOB_POLICY;
}
