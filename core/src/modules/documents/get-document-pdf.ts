import type { Readable } from "node:stream";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { FileStore } from "../../extension-points/file-store.js";
import type { JobQueue } from "../../extension-points/job-queue.js";
import type { AuthContext } from "../accounts/index.js";
import { GetDocument } from "./get-document.js";
import { RENDER_DOCUMENT_JOB } from "./document.js";

/**
 * A document's PDF, once printed. While it is still being printed the answer is 409
 * `CAB_ERR_DOCUMENT_NOT_READY`, and the render job is queued again: a no-op while it waits,
 * but a job lost with a restarted in-process queue is not lost for good.
 */
@injectable()
export class GetDocumentPdf {
  constructor(
    @inject(GetDocument) private readonly getDocument: GetDocument,
    @inject(TOKENS.FileStore) private readonly files: FileStore,
    @inject(TOKENS.JobQueue) private readonly queue: JobQueue,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string): Promise<{ fileName: string; size: number; stream: Readable }> {
    const doc = await this.getDocument.execute(auth, id);
    if (doc.status === "rendering") {
      await this.queue.enqueue(RENDER_DOCUMENT_JOB, { documentId: doc.id }, { jobId: doc.id });
      throw new CabinetError(
        "CAB_ERR_DOCUMENT_NOT_READY",
        { status: "rendering", retryAfterSeconds: 2 },
        "The document is still being printed. Try again in a moment.",
      );
    }
    if (doc.status === "not_rendered") {
      throw new CabinetError(
        "CAB_ERR_DOCUMENT_NOT_READY",
        { status: "not_rendered", reason: doc.failureReason },
        "This Cabinet prints no PDFs. The document's HTML version is available.",
      );
    }
    if (doc.status === "failed" || !doc.pdf) {
      throw new CabinetError(
        "CAB_ERR_DOCUMENT_NOT_READY",
        { status: "failed", reason: doc.failureReason },
        "The document could not be printed. Its HTML version is available.",
      );
    }
    // Only letters, digits, dot, dash and underscore: nothing a header or a file system could misread.
    const base = `${doc.kind}-${doc.number ?? new Date(doc.createdAt).toISOString().slice(0, 10)}`.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 100);
    return { fileName: `${base}.pdf`, size: doc.pdf.size, stream: await this.files.get(doc.pdf.key) };
  }
}
