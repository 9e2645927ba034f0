import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Database } from "../../db/create-database.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { PrivacyRequestRepository } from "./privacy-request.repository.js";
import type { PrivacyRequest } from "./privacy-request.js";

/**
 * A staff member approves or refuses an erasure or restriction request. An approval, in one
 * transaction: the request decided, the account marked restricted (what the law makes us keep —
 * invoices, ledger, documents — stays, marked), and `personal_data.erased` or
 * `personal_data.restricted` published within it, so every module anonymises (erasure: name,
 * e-mail, ticket texts) or locks its own rows and the user can no longer sign in; if any of
 * them fails, nothing is changed.
 */
@injectable()
export class DecidePrivacyRequest {
  constructor(
    @inject(PrivacyRequestRepository) private readonly requests: PrivacyRequestRepository,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(staff: { brandId: string; staffId: string }, id: string, decision: "approve" | "refuse", note: string | undefined): Promise<PrivacyRequest> {
    const now = this.clock.now();
    return this.db.transaction(async (trx) => {
      const request = await this.requests.lockForBrand(staff.brandId, id, trx);
      if (!request) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "privacy request" });
      const status = decision === "approve" ? "approved" : "refused";
      if (!(await this.requests.decide(request.id, status, staff.staffId, note ?? null, now, trx))) {
        throw new CabinetError("CAB_ERR_CONFLICT", { reason: "already decided", status: request.status });
      }
      if (status === "approved") {
        await this.requests.restrictAccount(request, now, trx);
        const subject = { brandId: request.brandId, accountId: request.accountId, userId: request.userId, wholeAccount: request.byOwner };
        await this.events.publishWithin(trx, request.kind === "erasure" ? "personal_data.erased" : "personal_data.restricted", subject);
      }
      await this.events.publishWithin(trx, "privacy.request_decided", {
        brandId: request.brandId,
        accountId: request.accountId,
        userId: request.userId,
        requestId: request.id,
        kind: request.kind,
        decision: status,
      });
      return { ...request, status, staffId: staff.staffId, staffNote: note ?? null, decidedAt: now };
    });
  }
}
