import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { SessionGuard } from "../../kernel/session-guard.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { LegalDocumentRepository } from "./legal-document.repository.js";

/** How long a brand's "no must-agree document at all" is believed: another process's publication shows within this. */
const BRAND_TTL_MS = 2000;

/**
 * Stops a signed-in client's requests while a must-agree document in force is not accepted:
 * 403 `CAB_ERR_CONSENT_REQUIRED`, naming the documents, which the widgets' consent prompt reads.
 * It runs on every signed-in request, so a brand that has no must-agree document (most of them,
 * most of the time) is remembered for a moment and costs no query; one per core (a singleton).
 */
@injectable()
export class ConsentGuard implements SessionGuard {
  readonly name = "consent";
  private readonly brands = new Map<string, { hasMustAgree: boolean; at: number }>();

  constructor(
    @inject(LegalDocumentRepository) private readonly documents: LegalDocumentRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async check(caller: { brandId: string; userId: string }): Promise<void> {
    const known = this.brands.get(caller.brandId);
    // Real time, not the clock: this is about caching, not about when a document takes effect.
    if (!known || Date.now() - known.at > BRAND_TTL_MS) {
      this.brands.set(caller.brandId, { hasMustAgree: await this.documents.hasMustAgree(caller.brandId), at: Date.now() });
    }
    if (!this.brands.get(caller.brandId)!.hasMustAgree) return;
    const outstanding = await this.documents.outstandingRequired(caller.brandId, caller.userId, this.clock.now());
    if (outstanding.length > 0) throw new CabinetError("CAB_ERR_CONSENT_REQUIRED", { documents: outstanding });
  }

  /** A version was published here: ask the database again at once. */
  forget(brandId: string): void {
    this.brands.delete(brandId);
  }
}
