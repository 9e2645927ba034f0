import { expect } from "vitest";
import { TOKENS } from "../../src/kernel/tokens.js";
import { newId } from "../../src/kernel/ids.js";
import { AccountRepository } from "../../src/modules/accounts/account.repository.js";
import type { Permission } from "../../src/modules/accounts/auth-context.js";
import { ProductRepository } from "../../src/modules/catalog/product.repository.js";
import type { Product, ProductPrice } from "../../src/modules/catalog/product.js";
import { balanceAndSum } from "./ledger-helpers.js";
import type { TestCabinet } from "./test-cabinet.js";

/** The demo brand's products by code (vps, shared, dedicated, domain). */
export async function demoProduct(t: TestCabinet, code: string): Promise<Product> {
  const brand = (await t.request("GET", "/api/v1/catalog")).body;
  const id = brand.items.find((p: { code: string }) => p.code === code)?.id;
  const products = t.cabinet.container.resolve(ProductRepository);
  return (await products.findMany([id])).get(id)!;
}

let counter = 0;

/** Adds a product to the demo brand (straight into the catalog's repository) with the given provisioner. */
export async function addProduct(t: TestCabinet, fields: Partial<Product> & { prices?: ProductPrice[] } = {}): Promise<Product> {
  const products = t.cabinet.container.resolve(ProductRepository);
  const vps = await demoProduct(t, "vps");
  const { prices, ...rest } = fields;
  const product = await products.insert(
    {
      ...vps,
      code: `test-${++counter}-${Date.now()}`,
      name: `Test product ${counter}`,
      parameters: [],
      provisioner: "instant",
      provisionerOptions: {},
      ...rest,
    },
    t.clock.now(),
  );
  await products.replacePrices(product.id, prices ?? [{ currency: "USD", periodMonths: 1, amount: 1000, setupFee: 0 }], t.clock.now());
  return product;
}

/** POST /orders with an Idempotency-Key (a fresh one unless given). */
export function order(t: TestCabinet, token: string, items: unknown[], key = `key-${++counter}-${Date.now()}`) {
  return t.request("POST", "/api/v1/orders", { token, body: { items }, headers: { "idempotency-key": key } });
}

/** Waits until the service has the status (a provisioning job runs off-request). */
export async function statusBecomes(t: TestCabinet, token: string, serviceId: string, status: string) {
  await expect.poll(async () => (await t.request("GET", `/api/v1/services/${serviceId}`, { token })).body.status, { timeout: 5000 }).toBe(status);
  return (await t.request("GET", `/api/v1/services/${serviceId}`, { token })).body;
}

/** The balance, after checking it is the sum of the ledger's entries. */
export async function balanceOf(t: TestCabinet, accountId: string): Promise<number> {
  const { balance, sum } = await balanceAndSum(t, accountId);
  expect(balance).toBe(sum);
  return balance;
}

/** A member of the account holding only `permissions`, signed in; returns the bearer token. */
export async function signInMember(t: TestCabinet, accountId: string, permissions: Permission[]): Promise<string> {
  const accounts = t.cabinet.container.resolve(AccountRepository);
  const brandId = (await accounts.findAccount(accountId))!.brandId;
  const hasher = t.cabinet.container.resolve<{ hash(p: string): Promise<string> }>(TOKENS.PasswordHasher);
  const email = `member-${newId("usr").slice(4)}@example.org`;
  await accounts.insertUser({
    id: newId("usr"),
    brandId,
    accountId,
    email,
    name: "Member",
    passwordHash: await hasher.hash("member password"),
    role: "member",
    permissions,
    status: "active",
    locale: "en",
    createdAt: t.clock.now(),
  });
  return (await t.request("POST", "/api/v1/auth/sign-in", { body: { email, password: "member password", mode: "bearer" } })).body.token;
}
