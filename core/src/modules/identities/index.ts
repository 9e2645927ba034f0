/** The identities module's public face: external sign-in through the `auth-provider` plugins. */
import type { DependencyContainer } from "tsyringe";
import { defineModule } from "../../kernel/cabinet-module.js";
import { identityRoutes } from "./identities.routes.js";
import { ExternalIdentityRepository } from "./external-identity.repository.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Database } from "../../db/create-database.js";

/**
 * Wires the identities module: an approved erasure unbinds the user's external identities (they
 * carry the provider's e-mail) in the approving transaction.
 */
export function registerIdentities(container: DependencyContainer): void {
  container.resolve<EventBus>(TOKENS.EventBus).subscribeWithin("personal_data.erased", "identities", async (subject, trx) => {
    // The owner's request covers every user of the account; the others' identities go with their own requests.
    await (trx ?? container.resolve<Database>(TOKENS.Database))("external_identities").where({ brand_id: subject.brandId, user_id: subject.userId }).delete();
  });
}

export { identityRoutes };
export const identitiesModule = defineModule({
  name: "identities",
  routes: identityRoutes,
  provide(container) {
    // Accounts asks before a passkey goes whether an external identity is left to sign in with.
    container.register(TOKENS.ExternalIdentities, { useClass: ExternalIdentityRepository });
  },
  register: registerIdentities,
});
