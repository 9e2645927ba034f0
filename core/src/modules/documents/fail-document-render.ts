import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { DocumentRepository } from "./document.repository.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/** Why printing failed, in a line a client may read: the renderer's own words, never a stack. */
export function failureReason(error: unknown): string {
  if (error instanceof CabinetError) {
    const reason = typeof error.details.reason === "string" ? error.details.reason : error.message;
    return `${error.code}: ${reason}`.slice(0, 255);
  }
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] || "the renderer failed").slice(0, 255);
}

/**
 * Records that a document could not be printed after every retry of its render job, and
 * publishes `document.failed`. Its HTML stays available; issuing it again tries once more.
 */
@injectable()
export class FailDocumentRender {
  constructor(
    @inject(DocumentRepository) private readonly documents: DocumentRepository,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(documentId: string, error: unknown): Promise<void> {
    const reason = failureReason(error);
    if (!(await this.documents.markFailed(documentId, reason))) return;
    const doc = findOrFail(await this.documents.findById(documentId), "document", documentId);
    await this.events.publish("document.failed", { documentId, accountId: doc.accountId, brandId: doc.brandId, kind: doc.kind, reason });
  }
}
