import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository, type User } from "./account.repository.js";
import type { AuthContext } from "./auth-context.js";

export interface ProfileChanges {
  name?: string;
  phone?: string | null;
  locale?: string;
  timezone?: string;
  rowsPerPage?: number;
  /** The account's language (documents, account-wide messages): the owner's to change. */
  accountLocale?: string;
}

/** A time zone the runtime knows (IANA name); the schema only checks its shape. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Changes the signed-in user's profile (and, for the owner, the account's language). */
@injectable()
export class UpdateProfile {
  constructor(@inject(AccountRepository) private readonly accounts: AccountRepository) {}

  async execute(auth: Pick<AuthContext, "userId" | "accountId" | "role">, changes: ProfileChanges): Promise<void> {
    if (changes.timezone !== undefined && !isTimeZone(changes.timezone)) {
      throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/timezone", message: "is not a known time zone" }] });
    }
    if (changes.accountLocale !== undefined && auth.role !== "owner") {
      throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "only the account's owner changes the account's language" });
    }
    const { accountLocale, ...user } = changes;
    await this.accounts.updateProfile(auth.userId, user as Partial<Pick<User, "name" | "phone" | "locale" | "timezone" | "rowsPerPage">>);
    if (accountLocale !== undefined) await this.accounts.setAccountLocale(auth.accountId, accountLocale);
  }
}
