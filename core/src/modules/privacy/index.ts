/** The privacy module's public face: legal documents and consents, personal data. */
import type { DependencyContainer } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { consentGuard } from "./consent-guard.js";
import { consentRoutes } from "./privacy.routes.js";
import { staffPrivacyRoutes } from "./privacy.staff-routes.js";

export { PublishLegalDocument, type PublishLegalDocumentInput } from "./publish-legal-document.js";
export { legalDocumentKinds, type LegalDocumentKind } from "./legal-document.js";

export const privacyRoutes = [...consentRoutes, ...staffPrivacyRoutes];

/** Wires the privacy module at boot: the consent guard on every signed-in request. */
export function registerPrivacy(container: DependencyContainer): void {
  container.register(TOKENS.SessionGuards, { useValue: consentGuard(container) });
}
