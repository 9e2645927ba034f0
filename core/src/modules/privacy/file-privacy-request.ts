import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { isUniqueViolation } from "../../db/errors.js";
import { PrivacyRequestRepository } from "./privacy-request.repository.js";
import type { PrivacyRequest, PrivacyRequestKind } from "./privacy-request.js";

/** Records a client's erasure or restriction request for staff to decide; one pending of a kind at a time. */
@injectable()
export class FilePrivacyRequest {
  constructor(
    @inject(PrivacyRequestRepository) private readonly requests: PrivacyRequestRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(
    caller: { brandId: string; accountId: string; userId: string; role: "owner" | "member" },
    kind: PrivacyRequestKind,
    reason: string | undefined,
  ): Promise<PrivacyRequest> {
    const pending = await this.requests.pendingOfKind(caller.userId, kind);
    if (pending) throw new CabinetError("CAB_ERR_PRIVACY_REQUEST_PENDING", { requestId: pending.id, kind });
    const now = this.clock.now();
    const request: PrivacyRequest = {
      id: newId("prq", now),
      brandId: caller.brandId,
      accountId: caller.accountId,
      userId: caller.userId,
      kind,
      byOwner: caller.role === "owner",
      status: "pending",
      reason: reason ?? null,
      staffId: null,
      staffNote: null,
      createdAt: now,
      decidedAt: null,
    };
    try {
      await this.requests.insert(request);
    } catch (error) {
      if (isUniqueViolation(error)) throw new CabinetError("CAB_ERR_PRIVACY_REQUEST_PENDING", { kind });
      throw error;
    }
    return request;
  }
}
