import type { Readable } from "node:stream";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { FileStore } from "../../extension-points/file-store.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { DataExportRepository } from "./data-export.repository.js";

/**
 * The archive of one of the caller's own exports: looked up by the user's id in SQL, so another
 * user's export (of the same account too) answers 404; expired ones 410, unfinished ones 409.
 */
@injectable()
export class DownloadDataExport {
  constructor(
    @inject(DataExportRepository) private readonly exports: DataExportRepository,
    @inject(TOKENS.FileStore) private readonly files: FileStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(userId: string, id: string): Promise<{ fileName: string; size: number; stream: Readable }> {
    const record = await this.exports.findForUser(userId, id);
    if (!record) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "data export" });
    if (record.status !== "ready") throw new CabinetError("CAB_ERR_EXPORT_NOT_READY", { status: record.status, progress: record.progress });
    if (record.expiresAt === null || record.expiresAt <= this.clock.now() || !record.fileKey) {
      throw new CabinetError("CAB_ERR_EXPORT_EXPIRED", { expiredAt: record.expiresAt === null ? null : new Date(record.expiresAt).toISOString() });
    }
    const date = new Date(record.createdAt).toISOString().slice(0, 10);
    return { fileName: `personal-data-${date}-${record.id}.zip`, size: record.size ?? 0, stream: await this.files.get(record.fileKey) };
  }
}
