import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { isUniqueViolation } from "../../db/errors.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
/** What these use cases need of the request's brand. */
type Brand = { id: string; defaultLocale: string };
import { AccountRepository, type User } from "./account.repository.js";
import type { AuthContext } from "./auth-context.js";
import { CreateSession, type CreatedSession } from "./create-session.js";
import { InvitationRepository, invitationStatus, type Invitation } from "./invitation.repository.js";
import { hashInvitationToken } from "./invite-user.js";
import { MembershipRepository } from "./membership.repository.js";
import type { PasswordHasher } from "./password-hasher.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/** What the invitee's page shows before they accept. Anything but a pending invitation of this brand answers 410. */
@injectable()
export class PeekInvitation {
  constructor(
    @inject(InvitationRepository) private readonly invitations: InvitationRepository,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(brand: Brand, token: string) {
    const invitation = await usable(this.invitations, brand, token, this.clock.now());
    const account = await this.accounts.findAccount(invitation.accountId);
    return { email: invitation.email, accountName: account?.name ?? "", expiresAt: new Date(invitation.expiresAt).toISOString() };
  }
}

/** `token`: the link's token, or its hash (`{ hash }`: kept by a sign-in at an external provider between start and callback). */
async function usable(invitations: InvitationRepository, brand: Brand, token: string | { hash: string }, now: number, trx?: Database): Promise<Invitation> {
  const invitation = await invitations.findByToken(typeof token === "string" ? hashInvitationToken(token) : token.hash, trx);
  // Another brand's invitation is as unknown here as a made-up token.
  if (!invitation || invitation.brandId !== brand.id) throw new CabinetError("CAB_ERR_INVITATION_INVALID", { reason: "unknown" });
  const status = invitationStatus(invitation, now);
  if (status !== "pending") throw new CabinetError("CAB_ERR_INVITATION_INVALID", { reason: status });
  return invitation;
}

/**
 * The invitee accepts: signed in with a login of the brand (they then belong to one more
 * account), or by creating a login with the invited e-mail — with a password, or (`withoutPassword`)
 * with an identity at an external provider or a passkey that the caller records in the same
 * transaction — whose home is the inviting account. The invitation is used once: its claim is one
 * conditional UPDATE.
 */
@injectable()
export class AcceptInvitation {
  constructor(
    @inject(InvitationRepository) private readonly invitations: InvitationRepository,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(CreateSession) private readonly createSession: CreateSession,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(input: {
    brand: Brand;
    token: string | { hash: string };
    auth: Pick<AuthContext, "userId"> | null;
    newLogin?: { name: string; password: string; locale?: string };
    /**
     * A new login without a password: its way in is an external identity or a passkey, which
     * `bind` records inside the transaction (a failure there undoes the whole acceptance). A
     * passkey's login is signed in here; an external one by the external sign-in's own exchange.
     */
    withoutPassword?: { via: "external" | "passkey"; name: string; locale?: string; bind(userId: string, trx: Database): Promise<void> };
    client: { ip: string; userAgent: string };
  }): Promise<{ accountId: string; user: User; session: CreatedSession | null }> {
    const now = this.clock.now();
    if (!input.auth && !input.newLogin && !input.withoutPassword) {
      throw new CabinetError("CAB_ERR_VALIDATION", {
        errors: [{ in: "body", path: "/name", message: "sign in first, or give a name and a password for a new login" }],
      });
    }
    if (input.newLogin && input.newLogin.password.length < this.config.auth.passwordMinLength) {
      throw new CabinetError("CAB_ERR_VALIDATION", {
        errors: [{ in: "body", path: "/password", message: `must have at least ${this.config.auth.passwordMinLength} characters` }],
      });
    }
    const passwordHash = input.auth || !input.newLogin ? null : await this.hasher.hash(input.newLogin.password);
    let user: User;
    let accountId: string;
    try {
      ({ user, accountId } = await inTransaction(
        this.db,
        async (trx) => {
          const invitation = await usable(this.invitations, input.brand, input.token, now, trx);
          let person: User;
          if (input.auth) {
            const existing = await this.accounts.findUser(input.auth.userId, trx);
            if (!existing || existing.brandId !== input.brand.id) throw new CabinetError("CAB_ERR_INVITATION_INVALID", { reason: "unknown" });
            if (await this.memberships.find(invitation.accountId, existing.id, trx)) {
              throw new CabinetError("CAB_ERR_CONFLICT", { reason: "already a user of the account" }, "You are already a user of this account.");
            }
            person = existing;
            if (!(await this.invitations.claim(invitation.id, person.id, now, trx))) throw new CabinetError("CAB_ERR_INVITATION_INVALID", { reason: "used" });
            await this.memberships.insert(
              { accountId: invitation.accountId, userId: person.id, role: "member", permissions: [], status: "active", serviceScoped: false, createdAt: now },
              trx,
            );
          } else {
            // No language chosen: the account's (AccountLanguage's rule, with the brand in hand).
            const newLoginLocale =
              input.newLogin?.locale ??
              input.withoutPassword?.locale ??
              (await this.accounts.findAccount(invitation.accountId, trx))?.locale ??
              input.brand.defaultLocale;
            person = {
              id: newId("usr", now),
              brandId: input.brand.id,
              accountId: invitation.accountId,
              email: invitation.email,
              name: input.newLogin?.name ?? input.withoutPassword!.name,
              passwordHash,
              role: "member",
              permissions: [],
              status: "active",
              phone: null,
              timezone: "UTC",
              rowsPerPage: 20,
              emailVerifiedAt: null,
              locale: newLoginLocale,
              createdAt: now,
            };
            if (!(await this.invitations.claim(invitation.id, person.id, now, trx))) throw new CabinetError("CAB_ERR_INVITATION_INVALID", { reason: "used" });
            await this.accounts.insertUser(person, trx);
            await input.withoutPassword?.bind(person.id, trx);
          }
          const membership = findOrFail(await this.memberships.find(invitation.accountId, person.id, trx), "membership of user", person.id);
          await this.memberships.setRoles(invitation.accountId, person.id, invitation.roles, trx);
          await this.memberships.setScope(membership, invitation.serviceIds, trx);
          await this.audit.record(trx, {
            accountId: invitation.accountId,
            action: "user.joined",
            target: { type: "user", id: person.id },
            details: {
              invitationId: invitation.id,
              email: person.email,
              roles: invitation.roles,
              serviceIds: invitation.serviceIds,
              newLogin: !input.auth,
              ...(input.withoutPassword ? { via: input.withoutPassword.via } : {}),
            },
            actor: { kind: "user", id: person.id, name: person.name, ip: input.client.ip, userAgent: input.client.userAgent },
          });
          return { user: person, accountId: invitation.accountId };
        },
        1,
      ));
    } catch (error) {
      if (isUniqueViolation(error)) throw new CabinetError("CAB_ERR_EMAIL_TAKEN", { hint: "sign in with this e-mail, then accept" });
      throw error;
    }
    // A new login with a password or a passkey is signed in at once, into the account that
    // invited them (an external one by the external sign-in's own exchange).
    const signInNow = !input.auth && (input.newLogin || input.withoutPassword?.via === "passkey");
    const session = signInNow ? await this.createSession.execute(user, input.client) : null;
    return { accountId, user, session };
  }
}
