import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/auth-context.js";
import { dayToInstant, describeEntry } from "./describe-entry.js";
import { LedgerRepository } from "./ledger.repository.js";
import type { EntryKind } from "./ledger-entry.js";

/** A page of the account's ledger, newest first, optionally for a period and a kind. */
@injectable()
export class ListLedgerEntries {
  constructor(@inject(LedgerRepository) private readonly ledger: LedgerRepository) {}

  async execute(auth: Pick<AuthContext, "accountId">, query: { from?: string; to?: string; kind?: EntryKind; cursor?: string; limit?: number }) {
    const limit = query.limit ?? 20;
    const beforeId = query.cursor ? Buffer.from(query.cursor, "base64url").toString() : undefined;
    if (beforeId !== undefined && !/^led_[0-9a-z]{10,40}$/.test(beforeId)) {
      throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "query", path: "/cursor", message: "is not a cursor this API gave" }] });
    }
    const rows = await this.ledger.listEntries(auth.accountId, {
      from: dayToInstant(query.from),
      to: dayToInstant(query.to, true),
      kind: query.kind,
      beforeId,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map(describeEntry),
      nextCursor: rows.length > limit ? Buffer.from(page[page.length - 1].id).toString("base64url") : null,
    };
  }
}
