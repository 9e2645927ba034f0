/** The privacy module's public face: legal documents and consents, personal data. */
import type { DependencyContainer } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { defineModule } from "../../kernel/cabinet-module.js";
import { ConsentGuard } from "./consent-guard.js";
import "./privacy-events.js";
import type { JobQueue } from "../../extension-points/job-queue.js";
import { BuildDataExport } from "./build-data-export.js";
import { BUILD_DATA_EXPORT_JOB, PURGE_DATA_EXPORTS_JOB } from "./data-export.js";
import { DataExportRepository } from "./data-export.repository.js";
import { personalDataRoutes } from "./personal-data.routes.js";
import { consentRoutes } from "./privacy.routes.js";
import { RecordConsents } from "./record-consents.js";
import { PurgeExpiredExports } from "./purge-expired-exports.js";
import { staffPrivacyRoutes } from "./privacy.staff-routes.js";

export { PublishLegalDocument, type PublishLegalDocumentInput } from "./publish-legal-document.js";
export { legalDocumentKinds, type LegalDocumentKind } from "./legal-document.js";
export { ListLegalDocuments } from "./list-legal-documents.js";

export const privacyRoutes = [...consentRoutes, ...personalDataRoutes, ...staffPrivacyRoutes];

/**
 * Wires the privacy module at boot: the consent guard on every signed-in request, the export
 * builder on the job queue (a build that fails every attempt is marked failed), and the
 * hourly purge of expired archives.
 */
export function registerPrivacy(container: DependencyContainer): void {
  container.registerSingleton(ConsentGuard);
  // A sign-up (accounts) accepts the documents its form shows through this module.
  container.register(TOKENS.SignUpConsents, { useClass: RecordConsents });
  container.register(TOKENS.SessionGuards, { useFactory: (c) => c.resolve(ConsentGuard) });
  const queue = container.resolve<JobQueue>(TOKENS.JobQueue);
  queue.process(BUILD_DATA_EXPORT_JOB, (payload) => container.resolve(BuildDataExport).execute(String(payload.exportId)), {
    onFailed: async (payload, error) =>
      container.resolve(DataExportRepository).markFailed(String(payload.exportId), error instanceof Error ? error.message : String(error)),
  });
  queue.process(PURGE_DATA_EXPORTS_JOB, async () => {
    await container.resolve(PurgeExpiredExports).execute();
  });
}

export async function startPrivacy(container: DependencyContainer): Promise<void> {
  await container.resolve<JobQueue>(TOKENS.JobQueue).repeat(PURGE_DATA_EXPORTS_JOB, 3_600_000);
}

export const privacyModule = defineModule({ name: "privacy", routes: privacyRoutes, register: registerPrivacy, start: startPrivacy });
