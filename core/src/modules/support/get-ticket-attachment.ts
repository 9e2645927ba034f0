import type { Readable } from "node:stream";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { FileStore } from "../../extension-points/file-store.js";
import { TicketRepository, type TicketScope } from "./ticket.repository.js";

/**
 * An attachment's bytes, for the ticket's account (`{ accountId }`: never one of an internal
 * note) or the brand's staff (`{ brandId }`). Anything else — another account's ticket, an
 * attachment of another ticket — answers 404.
 */
@injectable()
export class GetTicketAttachment {
  constructor(
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(TOKENS.FileStore) private readonly files: FileStore,
  ) {}

  async execute(scope: TicketScope, ticketId: string, attachmentId: string): Promise<{ fileName: string; mediaType: string; size: number; stream: Readable }> {
    const ticket = await this.tickets.find(scope, ticketId);
    const attachment = ticket && (await this.tickets.findAttachment(ticket.id, attachmentId, { internal: "brandId" in scope }));
    if (!attachment) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "attachment", id: attachmentId });
    return { fileName: attachment.fileName, mediaType: attachment.mediaType, size: attachment.size, stream: await this.files.get(attachment.storageKey) };
  }
}
