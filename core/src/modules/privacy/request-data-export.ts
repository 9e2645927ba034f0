import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { JobQueue } from "../../extension-points/job-queue.js";
import { newId } from "../../kernel/ids.js";
import { DataExportRepository } from "./data-export.repository.js";
import { BUILD_DATA_EXPORT_JOB, type DataExport } from "./data-export.js";

/**
 * Asks for a personal-data export: recorded as `queued` and built by a background job. While
 * one is queued or being built, asking again answers that one rather than starting another.
 */
@injectable()
export class RequestDataExport {
  constructor(
    @inject(DataExportRepository) private readonly exports: DataExportRepository,
    @inject(TOKENS.JobQueue) private readonly queue: JobQueue,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(caller: { brandId: string; accountId: string; userId: string; permissions: string[] }): Promise<{ export: DataExport; created: boolean }> {
    const running = await this.exports.inProgress(caller.userId);
    if (running) {
      // Queued again by id: a no-op while it waits, but not lost with a restarted in-process queue.
      await this.queue.enqueue(BUILD_DATA_EXPORT_JOB, { exportId: running.id }, { jobId: running.id });
      return { export: running, created: false };
    }
    const now = this.clock.now();
    const record: DataExport = {
      id: newId("dex", now),
      brandId: caller.brandId,
      accountId: caller.accountId,
      userId: caller.userId,
      status: "queued",
      permissions: [...caller.permissions],
      progress: 0,
      fileKey: null,
      size: null,
      error: null,
      createdAt: now,
      readyAt: null,
      expiresAt: null,
    };
    await this.exports.insert(record);
    await this.queue.enqueue(BUILD_DATA_EXPORT_JOB, { exportId: record.id }, { jobId: record.id });
    return { export: record, created: true };
  }
}
