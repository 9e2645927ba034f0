import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Database } from "../../db/create-database.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { isUniqueViolation } from "../../db/errors.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository, type Account, type User } from "./account.repository.js";
import type { PasswordHasher } from "./password-hasher.js";
import { SignUpLimiter } from "./sign-in-limiter.js";
import { checkNewPassword } from "./new-password.js";
import { userLink } from "./user-link.js";
import { SendEmailVerification } from "./send-email-verification.js";
import type { SignUpConsents, SignUpDecision } from "./sign-up-consents.js";

export interface SignUpInput {
  brand: Brand;
  email: string;
  password: string;
  name: string;
  kind: Account["kind"];
  companyName?: string;
  locale?: string;
  /** Decisions on the legal documents the sign-up form shows (every must-agree one accepted). */
  consents?: SignUpDecision[];
  /** The page the e-mail verification link opens. */
  page?: string;
  ip: string;
  userAgent: string;
}

/** What a sign-up did. The caller answers both alike: the answer must not tell which e-mails exist. */
export type SignUpOutcome = { created: true; user: User; account: Account } | { created: false };

/**
 * Creates an account with its owner (who then signs in). An e-mail that already has an account
 * changes nothing, and its owner is told (`user.sign_up_attempted`) instead of the caller: the
 * caller gets the same answer either way, so sign-up cannot be used to learn who is a client.
 * Rate limited per IP. The password is hashed in both cases, so the time taken does not tell either.
 * The legal documents the brand shows on its sign-up form are accepted with it: a must-agree one
 * left out is refused before anything is written, and the decisions are recorded (version, time,
 * IP) in the transaction that creates the user.
 */
@injectable()
export class SignUp {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(SignUpLimiter) private readonly limiter: SignUpLimiter,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(SendEmailVerification) private readonly verification: SendEmailVerification,
    @inject(TOKENS.SignUpConsents) private readonly consents: SignUpConsents,
  ) {}

  async execute(input: SignUpInput): Promise<SignUpOutcome> {
    if (!input.brand.signUpOpen) throw new CabinetError("CAB_ERR_SIGN_UP_CLOSED");
    await this.limiter.admit(input.ip);
    checkNewPassword(input.password, this.config.auth.passwordMinLength);
    if (input.kind === "company" && !input.companyName) {
      throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/companyName", message: "is required for a company" }] });
    }
    // A page the link may not open is refused before anything is written.
    if (input.brand.emailVerificationRequired) userLink(input.brand, this.config.http.publicUrl!, input.page, "cab-verify-email", "check");
    // So are missing consents: the documents the form shows that must be agreed to (the same for a taken e-mail).
    const recordConsents = await this.consents.check(input.brand.id, input.consents ?? []);
    const email = input.email.toLowerCase();
    const now = this.clock.now();
    const passwordHash = await this.hasher.hash(input.password);
    const existing = await this.accounts.findUserByEmail(input.brand.id, email);
    if (existing) return this.taken(existing, input.ip, now);

    const account: Account = {
      id: newId("acc", now),
      brandId: input.brand.id,
      name: input.kind === "company" ? input.companyName! : input.name,
      kind: input.kind,
      currency: input.brand.defaultCurrency,
      status: "active",
      locale: null,
      createdAt: now,
    };
    const user: User = {
      id: newId("usr", now),
      brandId: input.brand.id,
      accountId: account.id,
      email,
      name: input.name,
      passwordHash,
      role: "owner",
      permissions: [],
      status: "active",
      locale: input.locale ?? input.brand.defaultLocale,
      phone: null,
      timezone: "UTC",
      rowsPerPage: 20,
      emailVerifiedAt: null,
      createdAt: now,
    };
    try {
      await this.db.transaction(async (trx) => {
        await this.accounts.insertAccount(account, trx);
        await this.accounts.insertUser(user, trx);
        await recordConsents({ brandId: user.brandId, accountId: account.id, userId: user.id }, input, trx);
      });
    } catch (error) {
      // Two sign-ups with one e-mail at once: the unique index decides; the loser is a taken e-mail.
      const winner = isUniqueViolation(error) ? await this.accounts.findUserByEmail(input.brand.id, email) : undefined;
      if (winner) return this.taken(winner, input.ip, now);
      throw error;
    }
    await this.events.publish("account.created", { brandId: input.brand.id, accountId: account.id, userId: user.id });
    // Where the brand asks for it, the new address is confirmed by a link before the client may order.
    if (input.brand.emailVerificationRequired) await this.verification.execute(user, input.brand, input.page);
    return { created: true, user, account };
  }

  private async taken(owner: Pick<User, "id" | "accountId">, ip: string, now: number): Promise<SignUpOutcome> {
    await this.events.publish("user.sign_up_attempted", { accountId: owner.accountId, userId: owner.id, ip, at: now });
    return { created: false };
  }
}
