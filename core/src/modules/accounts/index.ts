/** The accounts module's public face: clients' accounts, users, sessions and sign-in. Other modules import only this file. */
import type { Redis } from "ioredis";
import type { CabinetConfig } from "../../config/config.schema.js";
import { defineModule } from "../../kernel/cabinet-module.js";
import { TOKENS } from "../../kernel/tokens.js";
import { accountRoutes } from "./accounts.routes.js";
import type { AuthContext } from "./auth-context.js";
import { PasswordHasher } from "./password-hasher.js";
import { SessionAuthenticator } from "./session-authenticator.js";
import { SignInLimiter, SignUpLimiter } from "./sign-in-limiter.js";
import { AccountsPersonalData } from "./accounts-personal-data.js";
import { EraseAccountData } from "./erase-account-data.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Database } from "../../db/create-database.js";
import { handoffRoutes } from "./handoff.routes.js";
import { accountsInCurrency } from "./accounts-in-currency.js";
import { passwordChangeGuard, twoFactorSetupGuard } from "./session-setup-guards.js";

export * from "./auth-context.js";
export * from "./account-directory.js";
export { AccountRepository } from "./account.repository.js";
export { CheckSession } from "./check-session.js";
export { FindUser } from "./find-user.js";
/** The language the server writes in for an account (its ledger, invoices, documents). */
export { AccountLanguage } from "./account-language.js";
export { GetMe } from "./get-me.js";
export { PasswordHasher } from "./password-hasher.js";
export { hashSessionToken } from "./session-token.js";
export * from "./sign-in-limiter.js";
// Account security: what other modules (hand-off, external sign-in, personal-data export,
// invited users, API keys) call instead of reaching into this module's files.
/** Re-authentication before a sensitive action: the password again, and the second factor when one is on. */
export { Reauthenticate, type Reauthentication } from "./reauthenticate.js";
/** The last step of any sign-in: a session, or 401 CAB_ERR_SECOND_FACTOR_REQUIRED with a challenge. */
export { CompleteSignIn, type SignInClient } from "./complete-sign-in.js";
/** Whether a user has a second factor on, and checking a code against it. */
export { SecondFactorCheck } from "./second-factor-check.js";
/** Where the brand requires it, a user must have confirmed their e-mail (before ordering). */
export { RequireVerifiedEmail } from "./require-verified-email.js";
export { AccountsPersonalData } from "./accounts-personal-data.js";
export { EraseAccountData } from "./erase-account-data.js";
export { CreateSession, type CreatedSession } from "./create-session.js";
export { describeMe } from "./get-me.js";
/** A scoped user's new services join their scope (the order's transaction). */
export { ExtendServiceScope } from "./extend-service-scope.js";
export { FindUserByEmail } from "./find-user-by-email.js";
export { SignInExternal } from "./sign-in-external.js";
export { SignUpExternal } from "./sign-up-external.js";
export { AcceptInvitation, PeekInvitation } from "./accept-invitation.js";
export { hashInvitationToken } from "./invite-user.js";
export { SignedIn } from "./accounts.schemas.js";
/** The sign-in hand-off from a provider's backend, and what a brand asks before it drops a currency. */
export { handoffRoutes } from "./handoff.routes.js";
export { accountsInCurrency } from "./accounts-in-currency.js";
export { ApiKeyRepository, hashSecret } from "./api-key.repository.js";
export { ManageApiKeys } from "./manage-api-keys.js";
export type { OwnedServices } from "./owned-services.js";
/** The legal documents a sign-up accepts: privacy answers the contract. */
export type { SignUpConsents, SignUpDecision, RecordSignUpConsents } from "./sign-up-consents.js";
/** The user's ways to sign in, counted under a lock: the last one cannot be removed. */
export { SignInMethods, anyLeftWithout, type ExternalIdentities, type SignInMethodCount } from "./sign-in-methods.js";

// Route handlers see the full AuthContext where the HTTP layer knows only a ClientCaller.
declare module "../../http/callers.js" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ClientCaller extends AuthContext {}
}

export const accountsModule = defineModule({
  name: "accounts",
  routes: [...accountRoutes, ...handoffRoutes],
  provide(container) {
    const config = container.resolve<CabinetConfig>(TOKENS.Config);
    const redis = container.isRegistered(TOKENS.Redis, true) ? container.resolve<Redis>(TOKENS.Redis) : undefined;
    container.register(TOKENS.PasswordHasher, { useValue: new PasswordHasher(config.auth.argon2) });
    container.register(TOKENS.RateLimiters, {
      useValue: new SignInLimiter(
        {
          perIp: config.auth.signInLimitPerIp,
          perSubject: {
            "sign-in": config.auth.signInLimitPerAccount,
            "second-factor": config.auth.secondFactorLimitPerUser,
            reset: config.auth.resetLimitPerEmail,
            passkey: config.auth.passkeyLimitPerChallenge,
          },
        },
        redis,
        config.redis.keyPrefix,
      ),
    });
    container.register(SignUpLimiter, { useValue: new SignUpLimiter(config.auth.signUpLimitPerIp, redis) });
    container.register(TOKENS.ClientAuthenticator, { useClass: SessionAuthenticator });
    // What a session must do before anything else, checked first (then other modules' guards, such as consents).
    container.register(TOKENS.SessionGuards, { useValue: twoFactorSetupGuard });
    container.register(TOKENS.SessionGuards, { useValue: passwordChangeGuard });
  },
  register(container) {
    container.register(TOKENS.PersonalDataSources, { useClass: AccountsPersonalData });
    container.register(TOKENS.CurrencyUsage, { useFactory: (c) => accountsInCurrency(c.resolve<Database>(TOKENS.Database)) });
    const events = container.resolve<EventBus>(TOKENS.EventBus);
    events.subscribeWithin("personal_data.erased", "accounts", (subject, trx) => container.resolve(EraseAccountData).execute(subject, true, trx));
    events.subscribeWithin("personal_data.restricted", "accounts", (subject, trx) => container.resolve(EraseAccountData).execute(subject, false, trx));
  },
});
