// Tiny flag parser for the bench scripts: `--orders 1000000`, `--orders=1000000`, `--pglite`.
export type Flags = Record<string, string | true>;

export function parseFlags(argv: string[] = process.argv.slice(2)): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) continue;
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) flags[name] = inline;
    else if (next !== undefined && !next.startsWith("--")) {
      flags[name] = next;
      i++;
    } else flags[name] = true;
  }
  return flags;
}

export function intFlag(flags: Flags, name: string, fallback: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const n = Number(String(raw).replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

export function stringFlag(flags: Flags, name: string): string | undefined {
  const raw = flags[name];
  return typeof raw === "string" ? raw : undefined;
}

/** Comma-separated integers, e.g. `--scales 10000,100000`. */
export function listFlag(flags: Flags, name: string, fallback: number[]): number[] {
  const raw = stringFlag(flags, name);
  return raw ? raw.split(",").map((s) => Number(s.replace(/_/g, ""))) : fallback;
}
