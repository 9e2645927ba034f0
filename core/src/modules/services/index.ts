/** The services module's public face: clients' services, from order to deletion. Other modules import only this file. */
import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { defineModule } from "../../kernel/cabinet-module.js";
import type { OwnedServices } from "../accounts/index.js";
import { ServiceRepository } from "./service.repository.js";
import { ProductSummaries } from "../catalog/index.js";
import { servicesInCurrency } from "./services-in-currency.js";
import { ServicesPersonalData } from "./services-personal-data.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { TOKENS } from "../../kernel/tokens.js";
import { ExtendRenewedServices } from "./extend-renewed-services.js";
import { ReleaseVoidedRenewals } from "./release-voided-renewals.js";
import { ApplyPaidChanges } from "./apply-paid-changes.js";
import { VoidWaitingChanges } from "./void-waiting-changes.js";
import { serviceRoutes } from "./services.routes.js";
import { ServicesForProvisioning } from "./services-for-provisioning.js";
import { staffServiceRoutes } from "./services.staff-routes.js";
import { StartPaidServices } from "./start-paid-services.js";
import { SumUpcomingRenewals } from "./sum-upcoming-renewals.js";

export * from "./service.js";
export * from "./get-service.js";
export { ServiceRepository } from "./service.repository.js";
export { ServicePayers } from "./service-payers.js";
export { orderLineText } from "./place-order.js";
export { RunBilling, type BillingPhase, type BillingProgress, type BillingSummary } from "./run-billing.js";

export const servicesModule = defineModule({
  name: "services",
  routes: [...serviceRoutes, ...staffServiceRoutes],
  provide(container) {
    container.register(TOKENS.UpcomingCharges, { useClass: SumUpcomingRenewals });
    container.register(TOKENS.ProvisionedServices, { useClass: ServicesForProvisioning });
    container.register(TOKENS.OwnedServices, { useClass: ServiceDirectory });
  },
  register(container) {
    container.register(TOKENS.PersonalDataSources, { useClass: ServicesPersonalData });
    container.register(TOKENS.CurrencyUsage, { useFactory: (c) => servicesInCurrency(c.resolve<Database>(TOKENS.Database)) });
    const events = container.resolve<EventBus>(TOKENS.EventBus);
    events.subscribe("invoice.paid", "services", async ({ accountId, invoiceId, purpose, paidBy }) => {
      // The history names who paid: the client (from the balance, by card, by a transfer staff confirmed) or the billing run.
      if (purpose === "order") await container.resolve(StartPaidServices).execute(accountId, invoiceId, paidBy ?? "client");
      if (purpose === "renewal") await container.resolve(ExtendRenewedServices).execute(accountId, invoiceId, paidBy ?? "client");
      if (purpose === "change") await container.resolve(ApplyPaidChanges).execute(accountId, invoiceId, paidBy ?? "client");
    });
    events.subscribe("invoice.voided", "services", async ({ accountId, invoiceId }) => {
      await container.resolve(ReleaseVoidedRenewals).execute(accountId, invoiceId);
      await container.resolve(VoidWaitingChanges).execute(accountId, invoiceId);
    });
  },
});

export { ServicesPersonalData };
// For the recovery sweep (jobs/recovery-sweep.ts).
export { ClaimLostProvisioning } from "./claim-lost-provisioning.js";
export { ListUnfinishedPaidInvoices } from "./list-unfinished-paid-invoices.js";
export { StartPaidServices } from "./start-paid-services.js";
export { ExtendRenewedServices } from "./extend-renewed-services.js";
export { ApplyPaidChanges } from "./apply-paid-changes.js";

/** Which services an account owns, for modules that refer to services by id (per-service scopes). */
@injectable()
export class ServiceDirectory implements OwnedServices {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ProductSummaries) private readonly products: ProductSummaries,
  ) {}

  async names(accountId: string, ids: string[], trx?: Database): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const found = await this.services.listByIds(accountId, ids, trx);
    const products = await this.products.get(
      found.map((s) => s.productId),
      trx,
    );
    return new Map(found.map((s) => [s.id, s.label ?? products.get(s.productId)?.name ?? s.id]));
  }

  /** The ids among `ids` that are services of the account (deleted ones included). */
  async ownedBy(accountId: string, ids: string[], trx?: Database): Promise<string[]> {
    if (ids.length === 0) return [];
    return (await this.services.listByIds(accountId, ids, trx)).map((s) => s.id);
  }
}
/** What a brand asks before it drops a currency. */
export { servicesInCurrency };
