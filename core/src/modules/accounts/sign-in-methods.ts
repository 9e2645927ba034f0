import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { PasskeyRepository } from "./passkey.repository.js";

/**
 * How many external identities (OpenID Connect…) a user has bound. The identities module
 * answers it under `TOKENS.ExternalIdentities`, so accounts does not depend on identities
 * (identities depends on accounts for re-authentication).
 */
export interface ExternalIdentities {
  countFor(userId: string, trx?: Database): Promise<number>;
}

/** The ways a user can sign in, besides the one about to go. */
export interface SignInMethodCount {
  password: boolean;
  passkeys: number;
  externalIdentities: number;
}

/**
 * The user's ways to sign in (password, passkeys, external identities), counted inside the
 * caller's transaction after locking the user's row: removing a passkey and unbinding an
 * identity both start here, so two removals at once wait for each other and the second sees
 * what the first left (the last way in can never go). Part of the accounts module's face.
 *
 * @example
 * await db.transaction(async (trx) => {
 *   const left = await scope.resolve(SignInMethods).lockAndCount(userId, trx);
 *   if (!left.password && left.passkeys + left.externalIdentities <= 1) throw new CabinetError("CAB_ERR_LAST_SIGN_IN_METHOD");
 * });
 */
@injectable()
export class SignInMethods {
  constructor(
    @inject(TOKENS.ExternalIdentities) private readonly external: ExternalIdentities,
    @inject(PasskeyRepository) private readonly passkeys: PasskeyRepository,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  /** To show them: no lock. */
  count(userId: string): Promise<SignInMethodCount> {
    return this.read(userId, this.db, false);
  }

  /** Before removing one: inside the caller's transaction, the user's row locked first. */
  lockAndCount(userId: string, trx: Database): Promise<SignInMethodCount> {
    return this.read(userId, trx, true);
  }

  private async read(userId: string, trx: Database, lock: boolean): Promise<SignInMethodCount> {
    const query = trx("users").where({ id: userId });
    if (lock) query.forUpdate();
    const user = await query.first("password_hash");
    return {
      password: Boolean(user?.password_hash),
      passkeys: await this.passkeys.countOf(userId, trx),
      externalIdentities: await this.external.countFor(userId, trx),
    };
  }
}

/** Whether any way to sign in is left once one of `count` goes. */
export const anyLeftWithout = (count: SignInMethodCount): boolean => count.password || count.passkeys + count.externalIdentities > 1;
