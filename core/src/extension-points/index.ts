import type { AuthProvider } from "./auth-provider.js";
import type { DocumentRenderer } from "./document-renderer.js";
import type { FileStore } from "./file-store.js";
import type { JobQueue } from "./job-queue.js";
import type { NotificationChannel } from "./notification-channel.js";
import type { PaymentGateway } from "./payment-gateway.js";
import type { Provisioner } from "./provisioner.js";

export type { AuthProvider, DocumentRenderer, FileStore, JobQueue, NotificationChannel, PaymentGateway, Provisioner };
export { formatMinorUnits, formatMoney, minorUnitDigits, type Money } from "./money.js";
export type { JobOptions, ProcessOptions } from "./job-queue.js";
export type { PaymentStart, WebhookOutcome } from "./payment-gateway.js";
export type { ProvisionAction, ProvisionResult, ProvisioningReports } from "./provisioner.js";
export type { TicketReplies } from "./ticket-replies.js";

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
