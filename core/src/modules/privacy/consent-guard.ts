import type { DependencyContainer } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { SessionGuard } from "../../kernel/session-guard.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { LegalDocumentRepository } from "./legal-document.repository.js";

/**
 * Stops a signed-in client's requests while a must-agree document in force is not accepted:
 * 403 `CAB_ERR_CONSENT_REQUIRED`, naming the documents, which the widgets' consent prompt reads.
 */
export function consentGuard(container: DependencyContainer): SessionGuard {
  const documents = container.resolve(LegalDocumentRepository);
  const clock = container.resolve<Clock>(TOKENS.Clock);
  return {
    name: "consent",
    async check(caller) {
      const outstanding = await documents.outstandingRequired(caller.brandId, caller.userId, clock.now());
      if (outstanding.length > 0) throw new CabinetError("CAB_ERR_CONSENT_REQUIRED", { documents: outstanding });
    },
  };
}
