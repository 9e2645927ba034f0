import type { DependencyContainer } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { JobQueue } from "../../extension-points/job-queue.js";
import { DocumentTemplates } from "./document-templates.js";
import { FailDocumentRender } from "./fail-document-render.js";
import { IssueInvoiceDocument } from "./issue-invoice-document.js";
import { RenderDocument } from "./render-document.js";
import { RENDER_DOCUMENT_JOB } from "./document.js";

/**
 * Wires the documents module at boot: one template cache per core, the render job's worker on
 * the job queue, and a document for every invoice as soon as it is issued.
 */
export function registerDocuments(container: DependencyContainer): void {
  container.registerSingleton(DocumentTemplates);
  const config = container.resolve<CabinetConfig>(TOKENS.Config);
  container.resolve<JobQueue>(TOKENS.JobQueue).process(
    RENDER_DOCUMENT_JOB,
    (payload) => container.resolve(RenderDocument).execute(String(payload.documentId)),
    {
      concurrency: config.documents.renderConcurrency,
      onFailed: (payload, error) => container.resolve(FailDocumentRender).execute(String(payload.documentId), error),
    },
  );
  container.resolve<EventBus>(TOKENS.EventBus).subscribe("invoice.issued", "documents", async ({ accountId, invoiceId }) => {
    await container.resolve(IssueInvoiceDocument).execute(accountId, invoiceId);
  });
}
