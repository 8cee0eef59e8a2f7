// Photos shoppers attach to return requests. The type is read from the file's first bytes,
// never from its name or the browser's claim; files get random names under the data dir and
// are only ever served through routes that check who is asking.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_MAX_COUNT = 3;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

const EXTENSION: Record<PhotoType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
};
const STORED_NAME = /^[a-f0-9]{32}\.(jpg|png|webp)$/;

export type PhotoProblem = "too_large" | "wrong_type" | "empty" | "too_many";
export type StoredPhoto = { path: string; mimeType: PhotoType; size: number };

/** The image type by magic bytes: JPEG FF D8 FF, PNG's 8-byte signature, WebP RIFF….WEBP. */
export function detectImageType(bytes: Uint8Array): PhotoType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

/** The files a form actually carried (browsers send one empty part when nothing was chosen). */
export function chosenFiles(values: FormDataEntryValue[]): File[] {
  return values.filter((v): v is File => typeof v !== "string" && v.size > 0);
}

/** Checks count, size and content of every file before anything is written. */
export async function checkPhotos(
  files: File[],
): Promise<
  { ok: true; photos: { bytes: Uint8Array; type: PhotoType }[] } | { ok: false; problem: PhotoProblem }
> {
  if (files.length > PHOTO_MAX_COUNT) return { ok: false, problem: "too_many" };
  const photos: { bytes: Uint8Array; type: PhotoType }[] = [];
  for (const file of files) {
    if (file.size === 0) return { ok: false, problem: "empty" };
    if (file.size > PHOTO_MAX_BYTES) return { ok: false, problem: "too_large" };
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = detectImageType(bytes);
    if (!type) return { ok: false, problem: "wrong_type" };
    photos.push({ bytes, type });
  }
  return { ok: true, photos };
}

export function uploadsDir(dataDir = env().DATA_DIR): string {
  return path.join(/*turbopackIgnore: true*/ path.resolve(dataDir), "uploads");
}

/** Writes checked photos under random names; returns what the request row stores. */
export async function storePhotos(
  photos: { bytes: Uint8Array; type: PhotoType }[],
  dir = uploadsDir(),
): Promise<StoredPhoto[]> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stored: StoredPhoto[] = [];
  for (const photo of photos) {
    const name = `${randomBytes(16).toString("hex")}.${EXTENSION[photo.type]}`;
    await fs.writeFile(path.join(/*turbopackIgnore: true*/ dir, name), photo.bytes, {
      flag: "wx",
      mode: 0o600,
    });
    stored.push({ path: name, mimeType: photo.type, size: photo.bytes.byteLength });
  }
  return stored;
}

/** Removes photos of a request that was not created, so no orphan files pile up. */
export async function discardPhotos(photos: StoredPhoto[], dir = uploadsDir()): Promise<void> {
  await Promise.all(photos.map((p) => fs.rm(resolveStored(p.path, dir), { force: true })));
}

/** Reads a stored photo; the name must be one we generated, so no path can escape the folder. */
export async function readPhoto(name: string, dir = uploadsDir()): Promise<Buffer | null> {
  try {
    return await fs.readFile(resolveStored(name, dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function resolveStored(name: string, dir: string): string {
  if (!STORED_NAME.test(name)) throw new RangeError(`not a stored photo name: ${name}`);
  return path.join(/*turbopackIgnore: true*/ dir, name);
}
