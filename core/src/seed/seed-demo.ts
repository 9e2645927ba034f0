import { inject, injectable } from "tsyringe";
import { TOKENS } from "../kernel/tokens.js";
import type { Clock } from "../kernel/clock.js";
import type { Database } from "../db/create-database.js";
import { newId } from "../kernel/ids.js";
import { BrandRepository } from "../modules/brands/index.js";
import { BrandDirectory } from "../modules/brands/index.js";
import { ProductRepository } from "../modules/catalog/index.js";
import { AccountRepository } from "../modules/accounts/index.js";
import type { PasswordHasher } from "../modules/accounts/index.js";
import { orderLineText, ServiceRepository } from "../modules/services/index.js";
import { InvoiceRepository } from "../modules/invoices/index.js";
import { IssueInvoice } from "../modules/invoices/index.js";
import { PayerRepository } from "../modules/payers/index.js";
import { inTransaction } from "../db/transaction.js";
import { SeedSupportDemo } from "../modules/support/index.js";
import { demoBrand, demoClients, demoProducts, otherBrand } from "./demo-data.js";
import { DAY_MS } from "../kernel/time.js";
import type { NewBrand } from "../modules/brands/index.js";
import { findOrFail } from "../kernel/find-or-fail.js";

const DAY = DAY_MS;

/**
 * Seeds the demo brand, catalog and clients. Safe to run again: every row is found by its
 * natural key (brand slug, product code, e-mail, service label) and left as it is.
 */
@injectable()
export class SeedDemo {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(BrandRepository) private readonly brands: BrandRepository,
    @inject(BrandDirectory) private readonly brandDirectory: BrandDirectory,
    @inject(ProductRepository) private readonly products: ProductRepository,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(IssueInvoice) private readonly issueInvoice: IssueInvoice,
    @inject(SeedSupportDemo) private readonly support: SeedSupportDemo,
    @inject(PayerRepository) private readonly payers: PayerRepository,
  ) {}

  async execute(onProgress: (message: string) => void = () => {}, options: { allowedOrigins?: string[]; otherSiteOrigins?: string[] } = {}): Promise<void> {
    const now = this.clock.now();
    const brand = await this.ensureBrand({ ...demoBrand, allowedOrigins: options.allowedOrigins ?? demoBrand.allowedOrigins }, now);
    onProgress(`brand ${brand.slug} (${brand.name})`);
    const other = await this.ensureBrand({ ...otherBrand, allowedOrigins: options.otherSiteOrigins ?? otherBrand.allowedOrigins }, now);
    onProgress(`brand ${other.slug} (${other.name})`);

    const productIds = new Map<string, string>();
    for (const product of demoProducts) {
      const { prices, ...fields } = product;
      const saved = await this.products.upsert(
        { ...fields, brandId: brand.id, status: "active", provisioner: "instant", provisionerOptions: product.code === "vps" ? { demoPanel: true } : {} },
        now,
      );
      await this.products.replacePrices(saved.id, prices, now);
      productIds.set(product.code, saved.id);
    }
    onProgress(`${demoProducts.length} products`);

    for (const [index, client] of demoClients.entries()) {
      let user = await this.accounts.findUserByEmail(brand.id, client.email);
      if (!user) {
        const passwordHash = await this.hasher.hash(client.password);
        const accountId = newId("acc", now);
        user = {
          id: newId("usr", now),
          brandId: brand.id,
          accountId,
          email: client.email,
          name: client.name,
          passwordHash,
          role: "owner",
          permissions: [],
          status: "active",
          locale: "en",
          createdAt: now,
          phone: null,
          timezone: "UTC",
          rowsPerPage: 20,
          emailVerifiedAt: now,
        };
        await this.db.transaction(async (trx) => {
          await this.accounts.insertAccount(
            {
              id: accountId,
              brandId: brand.id,
              name: client.accountName,
              kind: client.kind,
              currency: brand.defaultCurrency,
              status: "active",
              createdAt: now,
            },
            trx,
          );
          await this.accounts.insertUser(user!, trx);
          for (const [position, payer] of client.payers.entries()) {
            await this.payers.insert(trx, {
              id: newId("pyr", now),
              accountId,
              registrationNumber: null,
              vatNumber: null,
              email: null,
              ...payer,
              isDefault: position === 0,
              createdAt: now + position,
              updatedAt: now + position,
              deletedAt: null,
            });
          }
        });
      }
      let added = 0;
      for (const [position, service] of client.services.entries()) {
        if (await this.services.findForAccountByLabel(user.accountId, service.label)) continue;
        // Ordered a day apart, the first listed the newest, so lists read as the data file does.
        const createdAt = now - position * DAY;
        await this.services.insert(
          {
            id: newId("svc", createdAt),
            accountId: user.accountId,
            productId: productIds.get(service.product)!,
            label: service.label,
            status: service.status,
            parameters: service.parameters,
            price: { amount: service.priceAmount, currency: brand.defaultCurrency },
            periodMonths: service.periodMonths,
            paidUntil: service.paidUntilDays === null ? null : now + service.paidUntilDays * DAY,
            autoRenew: service.autoRenew,
            createdAt,
          },
          now,
        );
        added++;
      }
      // A service awaiting payment has its open invoice, as an order would have left it.
      const open = await this.invoices.listForAccount(user.accountId, { status: "issued" });
      for (const service of client.services.filter((s) => s.status === "pending_payment")) {
        const stored = findOrFail(await this.services.findForAccountByLabel(user.accountId, service.label), "service labelled", service.label);
        if (open.some((invoice) => invoice.lines.some((line) => line.serviceId === stored.id))) continue;
        const product = demoProducts.find((p) => p.code === service.product)!;
        await inTransaction(this.db, async (trx) => {
          const invoice = await this.issueInvoice.execute(trx, {
            brand,
            accountId: user!.accountId,
            currency: brand.defaultCurrency,
            purpose: "order",
            // Written as an order writes it: read in the account's language of the day.
            lines: [
              {
                description: orderLineText({ periodMonths: service.periodMonths, setupFee: 0 }, product, service.label),
                quantity: 1,
                unitAmount: service.priceAmount,
                serviceId: stored.id,
              },
            ],
          });
          // And its order, so the service shows its invoice and the client can withdraw it.
          const orderId = newId("ord", now);
          await this.services.insertOrder(
            {
              id: orderId,
              accountId: user!.accountId,
              idempotencyKey: `demo-seed:${stored.id}`,
              requestHash: "",
              status: "awaiting_payment",
              totalAmount: invoice.total,
              currency: invoice.currency,
              invoiceId: invoice.id,
              response: null,
              createdAt: now,
            },
            trx,
          );
          await this.services.attachOrder(user!.accountId, stored.id, orderId, trx);
        });
      }
      onProgress(`client ${index + 1}/${demoClients.length}: ${client.email} (${added} services added)`);
    }
    const first = await this.accounts.findUserByEmail(brand.id, demoClients[0].email);
    await this.support.execute(brand, first && { userId: first.id, accountId: first.accountId, name: first.name });
    onProgress("support departments and a demo ticket");
  }

  /**
   * Creates a demo brand once; after that the provider's own changes (CLI, staff API) are kept,
   * and only origins the demo serves from are added, so `npm start` never undoes a setting.
   */
  private async ensureBrand(input: NewBrand, now: number) {
    const existing = await this.brands.findBySlug(input.slug);
    if (!existing) {
      const created = await this.brands.insert(input, now);
      this.brandDirectory.invalidate();
      return created;
    }
    const missing = (input.allowedOrigins ?? []).filter((o) => !existing.allowedOrigins.includes(o));
    if (!missing.length) return existing;
    const changed = { ...existing, allowedOrigins: [...existing.allowedOrigins, ...missing] };
    await this.brands.update(changed, now);
    this.brandDirectory.invalidate();
    return { ...changed, version: existing.version + 1 };
  }
}
