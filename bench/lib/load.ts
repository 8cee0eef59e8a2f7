// Load from this process with autocannon against a server in another process; bounded in time.
import autocannon from "autocannon";

export type Request = { path: string; method?: string; headers?: Record<string, string>; body?: string };

export type LoadResult = {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  ok: number;
  failed: number;
  durationS: number;
  statuses: Record<string, number>;
};

export type LoadOptions = {
  url: string;
  next: () => Request;
  connections?: number;
  durationS?: number;
  warmupS?: number;
  /** Statuses that count as served (e.g. 303 for a form post that redirects). */
  okStatuses?: number[];
};

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const connections = o.connections ?? 32;
  const requests = [
    {
      setupRequest: (req: Record<string, unknown>) => {
        const r = o.next();
        return { ...req, method: r.method ?? "GET", path: r.path, headers: r.headers ?? {}, body: r.body };
      },
    },
  ];
  if ((o.warmupS ?? 3) > 0)
    await autocannon({ url: o.url, connections, duration: o.warmupS ?? 3, requests, timeout: 30 });
  const result = await autocannon({
    url: o.url,
    connections,
    duration: o.durationS ?? 10,
    requests,
    timeout: 30,
  });
  const okStatuses = new Set(o.okStatuses ?? [200]);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
  const ok = Object.entries(statuses).reduce((n, [k, v]) => n + (okStatuses.has(Number(k)) ? v : 0), 0);
  const all = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    ok,
    failed: all - ok + result.errors + result.timeouts,
    durationS: result.duration,
    statuses,
  };
}

/** Sequential requests (one connection), for pages where the latency, not the rate, is the point. */
export async function timeRequests(url: string, count: number, next: () => Request, okStatuses = [200]) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = next();
    const t0 = performance.now();
    const response = await fetch(`${url}${r.path}`, {
      method: r.method ?? "GET",
      headers: r.headers,
      body: r.body,
      redirect: "manual",
    });
    await response.arrayBuffer();
    if (!okStatuses.includes(response.status)) throw new Error(`${r.path} answered ${response.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return { count, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: times[times.length - 1] ?? 0 };
}
