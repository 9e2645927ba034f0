import { PassThrough, type Readable } from "node:stream";
import { inject, injectAll, injectable } from "tsyringe";
import yazl from "yazl";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Database } from "../../db/create-database.js";
import type { FileStore } from "../../extension-points/file-store.js";
import type { PersonalDataFile, PersonalDataSection, PersonalDataSource } from "../../kernel/personal-data.js";
import { DataExportRepository } from "./data-export.repository.js";
import { EXPORT_TTL_MS } from "./data-export.js";
import { LegalDocumentRepository } from "./legal-document.repository.js";
import { PrivacyRequestRepository } from "./privacy-request.repository.js";

/** ISO 8601 for the `*_at` columns (milliseconds in the database), so the files read without a converter. */
function readable(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const n = typeof value === "string" && /^\d{12,14}$/.test(value) ? Number(value) : value;
    out[key] = /(_at|At|_start|_end|_until)$/.test(key) && typeof n === "number" ? new Date(n).toISOString() : typeof value === "bigint" ? Number(value) : value;
  }
  return out;
}

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsv(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [columns.join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(","))].join("\r\n") + "\r\n";
}

async function toBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * The background job that builds a personal-data export: asks every module's
 * `PersonalDataSource` for what it holds about the user, writes each table as JSON and CSV
 * (and stored files as they are) into one ZIP, stores it through the FileStore and announces it
 * with a notification. Progress is written as it goes, for the widget to show.
 */
@injectable()
export class BuildDataExport {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(DataExportRepository) private readonly exports: DataExportRepository,
    @inject(LegalDocumentRepository) private readonly documents: LegalDocumentRepository,
    @inject(PrivacyRequestRepository) private readonly requests: PrivacyRequestRepository,
    @inject(TOKENS.FileStore) private readonly files: FileStore,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @injectAll(TOKENS.PersonalDataSources) private readonly sources: PersonalDataSource[],
  ) {}

  async execute(exportId: string): Promise<void> {
    const record = await this.exports.find(exportId);
    // Done already (a job run twice), or failed for good: nothing to do.
    if (!record || record.status === "ready" || record.status === "failed") return;
    await this.exports.setProgress(record.id, "building", 1);
    const subject = {
      brandId: record.brandId,
      accountId: record.accountId,
      userId: record.userId,
      may: (permission: string) => record.permissions.includes(permission),
    };
    const zip = new yazl.ZipFile();
    const bytes = toBuffer(zip.outputStream.pipe(new PassThrough()));
    const mtime = new Date(this.clock.now());
    const add = (section: PersonalDataSection) => {
      const rows = section.rows.map(readable);
      zip.addBuffer(Buffer.from(JSON.stringify(rows, null, 2)), `${section.name}.json`, { mtime });
      zip.addBuffer(Buffer.from(toCsv(rows)), `${section.name}.csv`, { mtime });
    };
    const steps = this.sources.length + 1;
    const files: PersonalDataFile[] = [];
    for (const [index, source] of this.sources.entries()) {
      const collected = await source.collect(subject);
      for (const section of collected.sections) add(section);
      files.push(...collected.files);
      await this.exports.setProgress(record.id, "building", Math.max(1, Math.floor(((index + 1) / steps) * 90)));
    }
    // The privacy module's own part: decisions on legal documents and requests about the data.
    add({ name: "consents", rows: (await this.documents.decisions(record.userId, 10_000)) as unknown as Record<string, unknown>[] });
    add({ name: "privacy-requests", rows: (await this.requests.listForUser(record.userId)) as unknown as Record<string, unknown>[] });
    for (const file of files) zip.addReadStream(await file.open(), `files/${file.path}`, { mtime });
    zip.addBuffer(
      Buffer.from(JSON.stringify({ exportId: record.id, userId: record.userId, accountId: record.accountId, createdAt: mtime.toISOString(), format: "Each table as <name>.json and <name>.csv; stored files under files/." }, null, 2)),
      "README.json",
      { mtime },
    );
    zip.end();
    const archive = await bytes;
    const key = `exports/${record.userId}/${record.id}.zip`;
    const stored = await this.files.put(key, archive, { contentType: "application/zip" });
    const now = this.clock.now();
    // Ready and announced in one commit: whoever sees it ready finds its notification too, and a
    // crash in between cannot leave a ready export that nobody was told about.
    await this.db.transaction(async (trx) => {
      await this.exports.markReady(record.id, stored.key, stored.size, now, now + EXPORT_TTL_MS, trx);
      await this.events.publishWithin(trx, "privacy.export_ready", { accountId: record.accountId, userId: record.userId, exportId: record.id });
    });
  }
}
