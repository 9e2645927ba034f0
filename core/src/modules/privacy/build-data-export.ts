import { Readable } from "node:stream";
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
    out[key] =
      /(_at|At|_start|_end|_until)$/.test(key) && typeof n === "number" ? new Date(n).toISOString() : typeof value === "bigint" ? Number(value) : value;
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

/** Rows read per query from a section's table: what the export holds in memory at once. */
export const EXPORT_PAGE_ROWS = 500;

type Row = Record<string, unknown>;

/**
 * A section's rows, page by page (or at once when it came as rows); each call reads them
 * again. The second read of a query stops at the last key the first one saw, so the JSON and
 * the CSV list the same rows even while the user adds more meanwhile.
 */
function sectionReader(section: PersonalDataSection): () => AsyncGenerator<Row[]> {
  if ("rows" in section) {
    const rows = section.rows.map(readable);
    return async function* () {
      if (rows.length > 0) yield rows;
    };
  }
  const key = section.key ?? "id";
  let reads = 0;
  let seenUpTo: unknown;
  return async function* () {
    const first = reads++ === 0;
    // The first read found nothing: so does this one.
    if (!first && seenUpTo === undefined) return;
    let after: unknown;
    for (;;) {
      const query = section.query().orderBy(key).limit(EXPORT_PAGE_ROWS);
      if (after !== undefined) query.where(key, ">", after as string);
      if (!first) query.where(key, "<=", seenUpTo as string);
      const page = (await query) as Row[];
      if (page.length === 0) return;
      after = page[page.length - 1][key];
      if (first) seenUpTo = after;
      yield page.map(readable);
      if (page.length < EXPORT_PAGE_ROWS) return;
    }
  };
}

/** A JSON array, one row a line. */
async function* jsonOf(pages: AsyncGenerator<Row[]>): AsyncGenerator<Buffer> {
  let count = 0;
  yield Buffer.from("[");
  for await (const page of pages) yield Buffer.from(page.map((row) => `${count++ === 0 ? "" : ","}\n  ${JSON.stringify(row)}`).join(""));
  yield Buffer.from(count === 0 ? "]\n" : "\n]\n");
}

/** CSV with a header row: one query's rows share their columns (rows given at once may differ: their union). */
async function* csvOf(pages: AsyncGenerator<Row[]>): AsyncGenerator<Buffer> {
  let columns: string[] | null = null;
  for await (const page of pages) {
    let header = "";
    if (!columns) {
      columns = [...new Set(page.flatMap((r) => Object.keys(r)))];
      header = `${columns.join(",")}\r\n`;
    }
    const names = columns;
    yield Buffer.from(header + page.map((r) => names.map((c) => csvCell(r[c])).join(",")).join("\r\n") + "\r\n");
  }
  if (!columns) yield Buffer.from("\r\n");
}

/** The chunks of `chunks`, then `after()` once they are all out. */
async function* then(chunks: AsyncGenerator<Buffer>, after: () => Promise<void>): AsyncGenerator<Buffer> {
  yield* chunks;
  await after();
}

/**
 * The background job that builds a personal-data export: asks every module's
 * `PersonalDataSource` for what it holds about the user, writes each table as JSON and CSV
 * (and stored files as they are) into one ZIP, streamed from the database rows to the
 * FileStore (never built in memory), and announces it with a notification. Progress is written
 * as it goes, for the widget to show.
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
    const mtime = new Date(this.clock.now());
    const sections: PersonalDataSection[] = [];
    const files: PersonalDataFile[] = [];
    for (const source of this.sources) {
      const collected = await source.collect(subject);
      sections.push(...collected.sections);
      files.push(...collected.files);
    }
    // The privacy module's own part: decisions on legal documents and requests about the data.
    sections.push({ name: "consents", rows: (await this.documents.decisions(record.userId, 10_000)) as unknown as Record<string, unknown>[] });
    sections.push({ name: "privacy-requests", rows: (await this.requests.listForUser(record.userId)) as unknown as Record<string, unknown>[] });

    // The archive streams to the store as it is written: each table is read a page at a time,
    // each stored file is opened only when its turn comes. Any failure fails the put, which
    // then leaves nothing behind (the job retries).
    const zip = new yazl.ZipFile();
    // A PassThrough (yazl's own), typed loosely by its types.
    const output = zip.outputStream as unknown as Readable;
    const fail = (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error)));
    zip.on("error", fail);
    // The store meets a failure through the stream itself (it rejects the put); this listener only
    // keeps one that comes before the store starts reading from being an uncaught 'error' event.
    output.on("error", () => undefined);
    const entry = (path: string, open: () => Promise<Readable> | Readable) =>
      zip.addReadStreamLazy(path, { mtime }, (done) => {
        Promise.resolve()
          .then(open)
          .then((stream) => done(null, stream.once("error", fail)), fail);
      });
    const steps = sections.length + 1;
    const progress = (done: number) => this.exports.setProgress(record.id, "building", Math.max(1, Math.floor((done / steps) * 95)));
    for (const [index, section] of sections.entries()) {
      const pages = sectionReader(section);
      entry(`${section.name}.json`, () => Readable.from(jsonOf(pages())));
      entry(`${section.name}.csv`, () => Readable.from(then(csvOf(pages()), () => progress(index + 1))));
    }
    for (const file of files) entry(`files/${file.path}`, () => file.open());
    zip.addBuffer(
      Buffer.from(
        JSON.stringify(
          {
            exportId: record.id,
            userId: record.userId,
            accountId: record.accountId,
            createdAt: mtime.toISOString(),
            format: "Each table as <name>.json and <name>.csv; stored files under files/.",
          },
          null,
          2,
        ),
      ),
      "README.json",
      { mtime },
    );
    zip.end();
    const key = `exports/${record.userId}/${record.id}.zip`;
    const stored = await this.files.put(key, output, { contentType: "application/zip" });
    const now = this.clock.now();
    // Ready and announced in one commit: whoever sees it ready finds its notification too, and a
    // crash in between cannot leave a ready export that nobody was told about.
    await this.db.transaction(async (trx) => {
      await this.exports.markReady(record.id, stored.key, stored.size, now, now + EXPORT_TTL_MS, trx);
      await this.events.publishWithin(trx, "privacy.export_ready", { accountId: record.accountId, userId: record.userId, exportId: record.id });
    });
  }
}
