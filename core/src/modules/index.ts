import type { DependencyContainer } from "tsyringe";
import type { AnyRoute } from "../http/route.js";
import { accountRoutes } from "./accounts/accounts.routes.js";
import { documentRoutes } from "./documents/documents.routes.js";
import { registerDocuments, startDocuments } from "./documents/register-documents.js";
import { invoiceRoutes } from "./invoices/invoices.routes.js";
import { ledgerRoutes } from "./ledger/ledger.routes.js";
import { paymentRoutes } from "./payments/payments.routes.js";
import { serviceRoutes } from "./services/services.routes.js";
import { staffAuthRoutes } from "./staff/staff.routes.js";
import { staffPaymentRoutes } from "./staff/staff-payments.routes.js";
import { staffInvoiceRoutes } from "./invoices/invoices.staff-routes.js";
import { StartPaidServices } from "./services/start-paid-services.js";
import { ExtendRenewedServices } from "./services/extend-renewed-services.js";
import { ReleaseVoidedRenewals } from "./services/release-voided-renewals.js";
import { catalogRoutes, staffCatalogRoutes } from "./catalog/catalog.routes.js";
import { registerProvisioning } from "./provisioning/register-provisioning.js";
import { supportRoutes } from "./support/support.routes.js";
import { staffTicketRoutes } from "./support/support.staff-routes.js";
import { ReplyFromChannel } from "./support/reply-from-channel.js";
import { notificationRoutes } from "./notifications/notifications.routes.js";
import { drainNotifications, registerNotifications, startNotifications, stopNotifications } from "./notifications/register-notifications.js";
import { staffServiceRoutes } from "./services/services.staff-routes.js";
import { privacyRoutes, registerPrivacy, startPrivacy } from "./privacy/index.js";
import { identityRoutes, registerIdentities } from "./identities/index.js";
import { AccountsPersonalData, EraseAccountData } from "./accounts/index.js";
import { ServicesPersonalData } from "./services/index.js";
import { LedgerPersonalData } from "./ledger/index.js";
import { InvoicesPersonalData } from "./invoices/index.js";
import { PaymentsPersonalData } from "./payments/index.js";
import { DocumentsPersonalData } from "./documents/index.js";
import { EraseTicketTexts, SupportPersonalData } from "./support/index.js";
import { NotificationsPersonalData } from "./notifications/index.js";
import type { PersonalDataSource } from "../kernel/personal-data.js";
import { auditRoutes, registerAudit } from "./audit/index.js";
import { TOKENS } from "../kernel/tokens.js";
import type { EventBus } from "../kernel/event-bus.js";
import type { Database } from "../db/create-database.js";
import { brandRoutes, staffBrandRoutes } from "./brands/index.js";
import { accountsInCurrency, handoffRoutes } from "./accounts/index.js";
import { servicesInCurrency } from "./services/index.js";

/** A domain module: its routes, and anything it must register or subscribe at boot. */
export interface CabinetModule {
  name: string;
  routes: AnyRoute[];
  register?(container: DependencyContainer): void;
  /** Starts the module's background work (a worker), whether the core listens itself or is mounted. */
  start?(container: DependencyContainer): Promise<void>;
  /** Ends long-lived responses (streams) when the node stops taking requests, so in-flight ones can finish. */
  drain?(container: DependencyContainer): Promise<void>;
  /** Stops it, before the database closes. */
  stop?(container: DependencyContainer): Promise<void>;
}

/** Registers a module's part of the personal-data export. */
const personalData = (container: DependencyContainer, source: new (...args: never[]) => PersonalDataSource) =>
  container.register(TOKENS.PersonalDataSources, { useClass: source as never });

/** The core's domain modules. Each owns its tables; they meet through services and events. */
export const coreModules: CabinetModule[] = [
  { name: "brands", routes: [...brandRoutes, ...staffBrandRoutes] },
  {
    name: "accounts",
    routes: [...accountRoutes, ...handoffRoutes],
    register(container) {
      personalData(container, AccountsPersonalData);
      container.register(TOKENS.CurrencyUsage, { useFactory: (c) => accountsInCurrency(c.resolve<Database>(TOKENS.Database)) });
      const events = container.resolve<EventBus>(TOKENS.EventBus);
      events.subscribeWithin("personal_data.erased", "accounts", (subject, trx) => container.resolve(EraseAccountData).execute(subject, true, trx));
      events.subscribeWithin("personal_data.restricted", "accounts", (subject, trx) => container.resolve(EraseAccountData).execute(subject, false, trx));
    },
  },
  { name: "catalog", routes: catalogRoutes },
  {
    name: "services",
    routes: serviceRoutes,
    register(container) {
      personalData(container, ServicesPersonalData);
      container.register(TOKENS.CurrencyUsage, { useFactory: (c) => servicesInCurrency(c.resolve<Database>(TOKENS.Database)) });
      container.resolve<EventBus>(TOKENS.EventBus).subscribe("invoice.paid", "services", async ({ accountId, invoiceId, purpose }) => {
        if (purpose === "order") await container.resolve(StartPaidServices).execute(accountId, invoiceId);
        if (purpose === "renewal") await container.resolve(ExtendRenewedServices).execute(accountId, invoiceId);
      });
      container.resolve<EventBus>(TOKENS.EventBus).subscribe("invoice.voided", "services", async ({ accountId, invoiceId }) => {
        await container.resolve(ReleaseVoidedRenewals).execute(accountId, invoiceId);
      });
    },
  },
  { name: "provisioning", routes: [], register: registerProvisioning },
  { name: "ledger", routes: ledgerRoutes, register: (container) => personalData(container, LedgerPersonalData) },
  { name: "invoices", routes: invoiceRoutes, register: (container) => personalData(container, InvoicesPersonalData) },
  { name: "payments", routes: paymentRoutes, register: (container) => personalData(container, PaymentsPersonalData) },
  {
    name: "documents",
    routes: documentRoutes,
    register(container) {
      registerDocuments(container);
      personalData(container, DocumentsPersonalData);
    },
    start: startDocuments,
  },
  { name: "staff", routes: [...staffAuthRoutes, ...staffPaymentRoutes, ...staffInvoiceRoutes, ...staffCatalogRoutes, ...staffServiceRoutes] },
  {
    name: "support",
    routes: [...supportRoutes, ...staffTicketRoutes],
    register(container) {
      container.register(TOKENS.TicketReplies, { useFactory: (c) => c.resolve(ReplyFromChannel) });
      personalData(container, SupportPersonalData);
      container.resolve<EventBus>(TOKENS.EventBus).subscribeWithin("personal_data.erased", "support", (subject, trx) => container.resolve(EraseTicketTexts).execute(subject, trx));
    },
  },
  {
    name: "notifications",
    routes: notificationRoutes,
    register(container) {
      registerNotifications(container);
      personalData(container, NotificationsPersonalData);
    },
    start: startNotifications,
    drain: drainNotifications,
    stop: stopNotifications,
  },
  { name: "privacy", routes: privacyRoutes, register: registerPrivacy, start: startPrivacy },
  { name: "identities", routes: identityRoutes, register: registerIdentities },
  { name: "audit", routes: auditRoutes, register: registerAudit },
];
