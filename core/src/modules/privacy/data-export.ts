/** The job that builds a personal-data export (through the configured `JobQueue`). */
export const BUILD_DATA_EXPORT_JOB = "privacy.build-data-export";
/** The repeated job that deletes the archives of expired exports. */
export const PURGE_DATA_EXPORTS_JOB = "privacy.purge-data-exports";
/** How long an export may be downloaded once ready. */
export const EXPORT_TTL_MS = 7 * 24 * 3_600_000;

export interface DataExport {
  id: string;
  brandId: string;
  accountId: string;
  userId: string;
  status: "queued" | "building" | "ready" | "failed";
  /** What the user held when asking (the owner: all): decides which account-wide data is in. */
  permissions: string[];
  progress: number;
  fileKey: string | null;
  size: number | null;
  error: string | null;
  createdAt: number;
  readyAt: number | null;
  expiresAt: number | null;
}

export function describeDataExport(e: DataExport, now: number) {
  const expired = e.status === "ready" && e.expiresAt !== null && e.expiresAt <= now;
  return {
    id: e.id,
    status: expired ? ("expired" as const) : e.status,
    progress: e.progress,
    size: e.size,
    createdAt: new Date(e.createdAt).toISOString(),
    readyAt: e.readyAt === null ? null : new Date(e.readyAt).toISOString(),
    expiresAt: e.expiresAt === null ? null : new Date(e.expiresAt).toISOString(),
  };
}
