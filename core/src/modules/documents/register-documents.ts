import type { DependencyContainer } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { JobQueue } from "../../extension-points/job-queue.js";
import { DocumentTemplates } from "./document-templates.js";
import { FailDocumentRender } from "./fail-document-render.js";
import { IssueInvoiceDocument } from "./issue-invoice-document.js";
import { findRenderer, RenderDocument } from "./render-document.js";
import { DocumentRepository } from "./document.repository.js";
import type { Logger } from "pino";
import type { Database } from "../../db/create-database.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { RENDER_DOCUMENT_JOB } from "./document.js";

/**
 * Wires the documents module at boot: one template cache per core, the render job's worker on
 * the job queue, a document for every invoice as soon as it is issued, and its paid copy once it is paid.
 */
export function registerDocuments(container: DependencyContainer): void {
  container.registerSingleton(DocumentTemplates);
  const config = container.resolve<CabinetConfig>(TOKENS.Config);
  container
    .resolve<JobQueue>(TOKENS.JobQueue)
    .process(RENDER_DOCUMENT_JOB, (payload) => container.resolve(RenderDocument).execute(String(payload.documentId)), {
      concurrency: config.documents.renderConcurrency,
      onFailed: (payload, error) => container.resolve(FailDocumentRender).execute(String(payload.documentId), error),
    });
  container.resolve<EventBus>(TOKENS.EventBus).subscribe("invoice.issued", "documents", async ({ accountId, invoiceId }) => {
    await container.resolve(IssueInvoiceDocument).execute(accountId, invoiceId);
  });
  container.resolve<EventBus>(TOKENS.EventBus).subscribe("invoice.paid", "documents", async ({ accountId, invoiceId }) => {
    await container.resolve(IssueInvoiceDocument).execute(accountId, invoiceId, "paid");
  });
}

/**
 * At start: without a document renderer, says so in the log once (documents are then kept as
 * HTML, `not_rendered`, visibly); with one, prints the documents left `not_rendered` while
 * there was none.
 */
export async function startDocuments(container: DependencyContainer): Promise<void> {
  const config = container.resolve<CabinetConfig>(TOKENS.Config);
  if (!findRenderer(container.resolve<ExtensionRegistry>(TOKENS.Extensions), config)) {
    container
      .resolve<Logger>(TOKENS.Logger)
      .warn(
        config.documents.renderer
          ? `no document-renderer "${config.documents.renderer}" is enabled`
          : "no document-renderer is enabled (enable documents-chromium): documents get no PDF, only HTML, and show as not_rendered",
      );
    return;
  }
  if (!(await container.resolve<Database>(TOKENS.Database).schema.hasTable("documents"))) return; // not migrated yet
  const documents = container.resolve(DocumentRepository);
  const queue = container.resolve<JobQueue>(TOKENS.JobQueue);
  for (let ids = await documents.listNotRendered(100); ids.length; ids = await documents.listNotRendered(100)) {
    for (const id of ids) if (await documents.retry(id)) await queue.enqueue(RENDER_DOCUMENT_JOB, { documentId: id }, { jobId: id });
  }
}
