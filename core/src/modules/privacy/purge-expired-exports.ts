import { inject, injectable } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { FileStore } from "../../extension-points/file-store.js";
import { DataExportRepository } from "./data-export.repository.js";

/** Deletes the archives of exports past their 7 days (the repeated purge job); the records stay, as history. */
@injectable()
export class PurgeExpiredExports {
  constructor(
    @inject(DataExportRepository) private readonly exports: DataExportRepository,
    @inject(TOKENS.FileStore) private readonly files: FileStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async execute(): Promise<number> {
    const expired = await this.exports.expiredWithFiles(this.clock.now());
    for (const record of expired) {
      try {
        await this.files.delete(record.fileKey!);
      } catch (error) {
        this.logger.warn({ err: error, exportId: record.id }, "could not delete an expired export's archive");
        continue;
      }
      await this.exports.forgetFile(record.id);
    }
    return expired.length;
  }
}
