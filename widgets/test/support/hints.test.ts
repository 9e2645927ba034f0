import { describe, expect, it } from "vitest";
import { checkAttachments, formatBytes, positiveOr } from "../../src/support/hints.js";

describe("attachment hints", () => {
  const limits = { maxFiles: 2, maxBytes: 1000 };

  it("says nothing about files within the limits", () => {
    expect(
      checkAttachments(
        [
          { name: "a.txt", size: 1000 },
          { name: "b.png", size: 1 },
        ],
        limits,
      ),
    ).toEqual([]);
  });

  it("names each file that is too large, and too many files once", () => {
    const files = [
      { name: "a.txt", size: 1001 },
      { name: "b.txt", size: 5 },
      { name: "c.zip", size: 50_000 },
    ];
    expect(checkAttachments(files, limits)).toEqual([
      { kind: "too-many", max: 2 },
      { kind: "too-large", name: "a.txt", maxBytes: 1000 },
      { kind: "too-large", name: "c.zip", maxBytes: 1000 },
    ]);
  });

  it("reads a limit attribute as a positive whole number, else the default", () => {
    expect(positiveOr(3.7, 5)).toBe(3);
    expect(positiveOr(0, 5)).toBe(5);
    expect(positiveOr(Number.NaN, 5)).toBe(5);
  });

  it("writes sizes in decimal units, as the server's limits are set", () => {
    expect(formatBytes(10_000_000, "en")).toBe("10 MB");
    expect(formatBytes(2_500, "en")).toBe("2.5 kB");
    expect(formatBytes(512, "en")).toBe("512 bytes"); // in full: the short form does not pluralise ("512 byte")
    expect(formatBytes(55, "ru")).toBe("55 байт");
    expect(formatBytes(2_500_000, "ru")).toMatch(/^2,5\sМБ$/);
  });
});
