import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Logger } from "pino";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { FileStore } from "../../extension-points/file-store.js";
import type { UploadedFile } from "../../http/multipart.js";
import { sanitizeFileName, sniffMediaType } from "./attachment-file.js";
import { renderMessage } from "./render-message.js";
import type { TicketAttachment, TicketMessage } from "./ticket.js";

export interface MessageDraft {
  ticketId: string;
  author: TicketMessage["author"];
  internal: boolean;
  body: string;
  files: UploadedFile[];
}

/**
 * Turns a draft into a message: renders its body and stores its files through the FileStore
 * under keys the core mints (`tickets/<ticket>/<attachment>`). Files are stored before the
 * message's transaction; when that transaction fails, `discard` removes them again, so no file
 * outlives a message that was never written.
 */
@injectable()
export class MessageWriter {
  constructor(
    @inject(TOKENS.FileStore) private readonly files: FileStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  /** Checks every file's type by its bytes first: one forbidden file refuses them all, and nothing is stored. */
  async prepare(draft: MessageDraft): Promise<TicketMessage> {
    const now = this.clock.now();
    const typed = draft.files.map((file) => {
      const mediaType = sniffMediaType(file.data);
      if (!mediaType) throw new CabinetError("CAB_ERR_ATTACHMENT_TYPE", { fileName: sanitizeFileName(file.originalName) });
      return { file, mediaType };
    });
    const messageId = newId("tmsg", now);
    const attachments: TicketAttachment[] = [];
    const message: TicketMessage = {
      id: messageId,
      ticketId: draft.ticketId,
      author: draft.author,
      internal: draft.internal,
      body: draft.body,
      bodyHtml: renderMessage(draft.body),
      createdAt: now,
      attachments,
    };
    try {
      for (const { file, mediaType } of typed) {
        const id = newId("att", now);
        const stored = await this.files.put(`tickets/${draft.ticketId}/${id}`, file.data, { contentType: mediaType });
        attachments.push({
          id,
          ticketId: draft.ticketId,
          messageId,
          fileName: sanitizeFileName(file.originalName),
          mediaType,
          size: stored.size,
          storageKey: stored.key,
          sha256: stored.sha256,
          createdAt: now,
        });
      }
    } catch (error) {
      await this.discard(message);
      throw error;
    }
    return message;
  }

  async discard(message: TicketMessage): Promise<void> {
    for (const a of message.attachments) {
      await this.files.delete(a.storageKey).catch((err: unknown) => this.logger.error({ err, key: a.storageKey }, "could not remove an unused attachment"));
    }
  }
}
