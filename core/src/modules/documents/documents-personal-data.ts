import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { FileStore } from "../../extension-points/file-store.js";
import type { PersonalDataSource, PersonalDataSubject } from "../../kernel/personal-data.js";

/** The account's documents and their PDFs, for the personal-data export (with the `documents` permission). */
@injectable()
export class DocumentsPersonalData implements PersonalDataSource {
  readonly name = "documents";

  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.FileStore) private readonly files: FileStore,
  ) {}

  async collect(subject: PersonalDataSubject) {
    if (!subject.may("documents")) return { sections: [], files: [] };
    const documents = await this.db("documents")
      .where({ account_id: subject.accountId })
      .orderBy("id")
      .select(
        "id",
        "kind",
        "number",
        "title",
        "period_start",
        "period_end",
        "locale",
        "status",
        "pdf_key",
        "pdf_sha256",
        "pdf_size",
        "created_at",
        "rendered_at",
      );
    return {
      sections: [{ name: "documents", rows: documents.map(({ pdf_key: _, ...row }) => row) }],
      files: documents.filter((d) => d.pdf_key).map((d) => ({ path: `documents/${d.id}.pdf`, open: () => this.files.get(d.pdf_key) })),
    };
  }
}
