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
import { CreateSession, type CreatedSession } from "./create-session.js";
import type { PasswordHasher } from "./password-hasher.js";
import { checkNewPassword } from "./new-password.js";
import { userLink } from "./user-link.js";
import { SendEmailVerification } from "./send-email-verification.js";

export interface SignUpInput {
  brand: Brand;
  email: string;
  password: string;
  name: string;
  kind: Account["kind"];
  companyName?: string;
  locale?: string;
  /** The page the e-mail verification link opens. */
  page?: string;
  ip: string;
  userAgent: string;
}

/** Creates an account with its owner and signs the owner in. */
@injectable()
export class SignUp {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(CreateSession) private readonly createSession: CreateSession,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(SendEmailVerification) private readonly verification: SendEmailVerification,
  ) {}

  async execute(input: SignUpInput): Promise<{ user: User; account: Account; session: CreatedSession }> {
    if (!input.brand.signUpOpen) throw new CabinetError("CAB_ERR_SIGN_UP_CLOSED");
    checkNewPassword(input.password, this.config.auth.passwordMinLength);
    if (input.kind === "company" && !input.companyName) {
      throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/companyName", message: "is required for a company" }] });
    }
    // A page the link may not open is refused before anything is written.
    if (input.brand.emailVerificationRequired) userLink(input.brand, this.config.http.publicUrl!, input.page, "cab-verify-email", "check");
    const email = input.email.toLowerCase();
    if (await this.accounts.findUserByEmail(input.brand.id, email)) throw new CabinetError("CAB_ERR_EMAIL_TAKEN");

    const now = this.clock.now();
    const passwordHash = await this.hasher.hash(input.password);
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
      });
    } catch (error) {
      // Two sign-ups with one e-mail at once: the unique index decides, the loser gets 409.
      if (isUniqueViolation(error)) throw new CabinetError("CAB_ERR_EMAIL_TAKEN");
      throw error;
    }
    const session = await this.createSession.execute(user, input);
    await this.events.publish("account.created", { brandId: input.brand.id, accountId: account.id, userId: user.id });
    // Where the brand asks for it, the new address is confirmed by a link before the client may order.
    if (input.brand.emailVerificationRequired) await this.verification.execute(user, input.brand, input.page);
    return { user, account, session };
  }
}
