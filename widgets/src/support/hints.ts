/**
 * What the support widgets work out on the client: hints about attachments (the limits are the
 * server's to enforce — 413 CAB_ERR_ATTACHMENT_TOO_LARGE, 422 for too many — but a client who
 * picks a 40 MB video should hear so before the upload, not after it), and file sizes.
 */

export interface AttachmentLimits {
  maxFiles: number;
  maxBytes: number;
}

/** The defaults the widgets hint at, unless the page says otherwise (`max-attachments`, `max-attachment-size`). */
export const defaultAttachmentLimits: AttachmentLimits = { maxFiles: 5, maxBytes: 10_000_000 };

export type AttachmentProblem = { kind: "too-many"; max: number } | { kind: "too-large"; name: string; maxBytes: number };

/** What is wrong with `files` under `limits`, each problem once; empty when nothing is. */
export function checkAttachments(files: readonly { name: string; size: number }[], limits: AttachmentLimits): AttachmentProblem[] {
  const problems: AttachmentProblem[] = [];
  if (files.length > limits.maxFiles) problems.push({ kind: "too-many", max: limits.maxFiles });
  for (const file of files) {
    if (file.size > limits.maxBytes) problems.push({ kind: "too-large", name: file.name, maxBytes: limits.maxBytes });
  }
  return problems;
}

/** A limit from an attribute: a positive whole number, else the default. */
export const positiveOr = (value: number, fallback: number): number => (Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback);

/** 2_500_000 → "2.5 MB" / "2,5 МБ": decimal units, as the server's limits are written (10 MB is 10,000,000 bytes). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  // Bytes in full ("55 bytes", "1 byte", "55 байт"): the short form does not pluralise ("55 byte").
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: units[unit],
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
