import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import type { DocumentRenderer } from "../../extension-points/document-renderer.js";
import type { FileStore } from "../../extension-points/file-store.js";
import { DocumentRepository } from "./document.repository.js";
import { NO_RENDERER_REASON } from "./document.js";

/**
 * The render job: prints a document's stored HTML to PDF with the `document-renderer` and
 * keeps the PDF in the FileStore, then marks the document ready and publishes
 * `document.ready`. A fault throws, so the job queue retries it; the last failure is recorded
 * by {@link FailDocumentRender}. Running it twice is harmless: a document that is not
 * `rendering` any more is left alone, and the PDF's key is the document's, so a retry after a
 * stored-but-unrecorded PDF overwrites the same file.
 */
@injectable()
export class RenderDocument {
  constructor(
    @inject(DocumentRepository) private readonly documents: DocumentRepository,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(TOKENS.FileStore) private readonly files: FileStore,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(documentId: string): Promise<void> {
    const doc = await this.documents.findById(documentId);
    if (!doc || doc.status !== "rendering") return;
    const renderer = findRenderer(this.extensions, this.config);
    // No renderer (it was queued before the core lost it): not a fault to retry, a state to show.
    if (!renderer) {
      await this.documents.markNotRendered(doc.id, NO_RENDERER_REASON);
      return;
    }
    const pdf = await renderer.renderPdf({ documentId, html: doc.html, timeoutMs: this.config.documents.renderTimeoutMs });
    if (!Buffer.isBuffer(pdf) || pdf.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error("the renderer answered something that is not a PDF");
    const stored = await this.files.put(`documents/${doc.brandId}/${doc.accountId}/${doc.id}.pdf`, pdf, { contentType: "application/pdf" });
    if (await this.documents.markReady(doc.id, stored, this.clock.now())) {
      await this.events.publish("document.ready", { documentId: doc.id, accountId: doc.accountId, brandId: doc.brandId, kind: doc.kind });
    }
  }
}

/** `documents.renderer` when set, else the only (or first) one a plugin provides; undefined when none is enabled. */
export function findRenderer(extensions: ExtensionRegistry, config: CabinetConfig): DocumentRenderer | undefined {
  const wanted = config.documents.renderer;
  return wanted ? extensions.get("document-renderer", wanted) : extensions.list("document-renderer")[0];
}
