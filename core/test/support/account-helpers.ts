import "reflect-metadata";
import { TOKENS } from "../../src/kernel/tokens.js";
import { newId } from "../../src/kernel/ids.js";
import { AccountRepository } from "../../src/modules/accounts/account.repository.js";
import type { Permission } from "../../src/modules/accounts/auth-context.js";
import type { TestCabinet } from "./test-cabinet.js";

/** A member of the account holding only `permissions`, signed in: their bearer token and user id. */
export async function addMember(t: TestCabinet, accountId: string, permissions: Permission[], name = "Member"): Promise<{ token: string; userId: string }> {
  const accounts = t.cabinet.container.resolve(AccountRepository);
  const brandId = (await accounts.findAccount(accountId))!.brandId;
  const hasher = t.cabinet.container.resolve<{ hash(p: string): Promise<string> }>(TOKENS.PasswordHasher);
  const email = `${permissions.join("-") || "none"}-${newId("usr").slice(4)}@example.org`;
  const userId = newId("usr");
  await accounts.insertUser({
    id: userId,
    brandId,
    accountId,
    email,
    name,
    passwordHash: await hasher.hash("member password"),
    role: "member",
    permissions,
    status: "active",
    locale: "en",
    createdAt: t.clock.now(),
  });
  const signIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email, password: "member password", mode: "bearer" } });
  return { token: signIn.body.token, userId };
}
