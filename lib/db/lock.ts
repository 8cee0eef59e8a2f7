// PGlite takes no lock on its directory: a second process opening it silently loses writes.
// The app holds its own exclusive lock (refreshed while alive, stale after a crash).
import fs from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";

export class DataDirLockedError extends Error {
  constructor(public dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another Aftercare process (server, worker, seed or migration). ` +
        `Stop it first, or set DATA_DIR to another directory.`,
    );
    this.name = "DataDirLockedError";
  }
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, "aftercare.lock"),
      stale: 15_000,
      update: 5_000,
      retries: 0,
      onCompromised: (error) => {
        console.error(`[aftercare] lost the lock on ${dataDir}; stopping to protect the data`, error);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirLockedError(dataDir);
    throw error;
  }
}
