import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkPhotos,
  chosenFiles,
  detectImageType,
  discardPhotos,
  PHOTO_MAX_BYTES,
  readPhoto,
  storePhotos,
} from "@/lib/uploads/photos";

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50]);
const file = (bytes: Uint8Array<ArrayBuffer>, name: string, type = "image/jpeg") =>
  new File([bytes], name, { type });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aftercare-photos-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("request photos", () => {
  it("recognises JPEG, PNG and WebP by their first bytes", () => {
    expect(detectImageType(JPEG)).toBe("image/jpeg");
    expect(detectImageType(PNG)).toBe("image/png");
    expect(detectImageType(WEBP)).toBe("image/webp");
    expect(detectImageType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(detectImageType(Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]))).toBeNull(); // GIF
    expect(detectImageType(new Uint8Array())).toBeNull();
  });

  it("refuses a script named .jpg with an image content type: the bytes decide", async () => {
    const fake = file(new TextEncoder().encode("#!/bin/sh\necho pwned"), "photo.jpg", "image/jpeg");
    expect(await checkPhotos([fake])).toEqual({ ok: false, problem: "wrong_type" });
  });

  it("refuses files above the size limit and more than three photos", async () => {
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set(JPEG);
    expect(await checkPhotos([file(big, "big.jpg")])).toEqual({ ok: false, problem: "too_large" });
    expect(await checkPhotos([1, 2, 3, 4].map((i) => file(PNG, `${i}.png`)))).toEqual({
      ok: false,
      problem: "too_many",
    });
  });

  it("ignores the empty part a browser sends when no file was chosen", () => {
    expect(chosenFiles([new File([], ""), "text", file(PNG, "a.png")])).toHaveLength(1);
  });

  it("stores photos under random names with the detected extension, reads and discards them", async () => {
    const checked = await checkPhotos([file(PNG, "holiday.JPG", "image/jpeg"), file(WEBP, "x.webp")]);
    if (!checked.ok) throw new Error(checked.problem);
    const stored = await storePhotos(checked.photos, dir);
    expect(stored.map((p) => p.mimeType)).toEqual(["image/png", "image/webp"]);
    expect(stored[0]!.path).toMatch(/^[a-f0-9]{32}\.png$/);
    expect(stored[0]!.path).not.toContain("holiday");
    expect(Buffer.compare((await readPhoto(stored[0]!.path, dir))!, Buffer.from(PNG))).toBe(0);
    await discardPhotos(stored, dir);
    expect(await readPhoto(stored[0]!.path, dir)).toBeNull();
  });

  it("never resolves a name it did not generate, so no path escapes the uploads folder", async () => {
    await expect(readPhoto("../auth-secret", dir)).rejects.toThrow(RangeError);
    await expect(readPhoto("/etc/passwd", dir)).rejects.toThrow(RangeError);
  });
});
