// CPU seconds spent by groups of processes between two readings, from /proc (Linux): where a
// round's time went — PostgreSQL's backends, this process, the worker processes.
import fs from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type Reading = Map<number, number>;

function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may hold spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** Every process whose command line matches, with its CPU seconds so far. */
export function readCpu(match: (command: string, pid: number) => boolean): Reading {
  const reading: Reading = new Map();
  if (!fs.existsSync("/proc/self/stat")) return reading;
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || !match(commandOf(pid), pid)) continue;
    const seconds = cpuSecondsOf(pid);
    if (seconds !== null) reading.set(pid, seconds);
  }
  return reading;
}

/**
 * CPU seconds between `before` and now for the same processes (ones that exited count as 0) and,
 * given `match`, for matching processes started since (all of theirs: a pool's later connections).
 */
export function cpuSince(before: Reading, match?: (command: string, pid: number) => boolean): number {
  let total = 0;
  for (const [pid, then] of before) {
    const now = cpuSecondsOf(pid);
    if (now !== null) total += Math.max(0, now - then);
  }
  if (match) {
    for (const [pid, seconds] of readCpu(match)) if (!before.has(pid)) total += seconds;
  }
  return total;
}

export const isPostgresBackend = (command: string) => command.startsWith("postgres: ");
