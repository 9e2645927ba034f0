import type { AuthProvider } from "./auth-provider.js";
import type { DocumentRenderer } from "./document-renderer.js";
import type { FileStore } from "./file-store.js";
import type { JobQueue } from "./job-queue.js";
import type { NotificationChannel } from "./notification-channel.js";
import type { PaymentGateway } from "./payment-gateway.js";
import type { Provisioner } from "./provisioner.js";

// Points to implement: a plugin registers an implementation with `provide(point, impl)`, and
// the core calls it. Every member of these interfaces is called by the core.
export type { AuthProvider, DocumentRenderer, FileStore, JobQueue, NotificationChannel, PaymentGateway, Provisioner };
export type { JobOptions, JobQueueStats, ProcessOptions } from "./job-queue.js";
export type { PaymentStart, WebhookOutcome } from "./payment-gateway.js";
export type { ExternalSignInResult } from "./auth-provider.js";
export type { ProvisionAction, ProvisionResult } from "./provisioner.js";
export type {
  ServicePanel,
  ServicePanelAction,
  ServicePanelActionResult,
  ServicePanelCredential,
  ServicePanelField,
  ServicePanelMetric,
  ServicePanelProvider,
  ServicePanelTarget,
} from "./service-panel.js";

// Services to call: the core implements them, and a plugin resolves them by their TOKENS
// (`container.resolve<TicketReplies>(TOKENS.TicketReplies)`). Never implement these.
export type { TicketReplies } from "./services/ticket-replies.js";
/** `TOKENS.ProvisioningReports`: how a provisioner that answered `pending` reports the outcome later. */
export type { ProvisioningReports } from "./provisioner.js";

// Helpers for every plugin: money in integer minor units, formatted per currency.
export { formatMinorUnits, formatMoney, minorUnitDigits, type Money } from "./money.js";

/** Every extension point by name, with the interface an implementation of it must satisfy. */
export interface ExtensionPoints {
  "payment-gateway": PaymentGateway;
  "auth-provider": AuthProvider;
  "document-renderer": DocumentRenderer;
  "notification-channel": NotificationChannel;
  provisioner: Provisioner;
  "job-queue": JobQueue;
  "file-store": FileStore;
}

export type ExtensionPointName = keyof ExtensionPoints;

export const extensionPointNames: ExtensionPointName[] = [
  "payment-gateway",
  "auth-provider",
  "document-renderer",
  "notification-channel",
  "provisioner",
  "job-queue",
  "file-store",
];
