import { createHash, randomBytes } from "node:crypto";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { inTransaction } from "../../db/transaction.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { OwnedServices } from "./owned-services.js";
import type { AuthContext } from "./auth-context.js";
import { InvitationRepository, invitationStatus, type Invitation } from "./invitation.repository.js";
import { RoleRepository } from "./role.repository.js";
import { checkAccess, type MemberAccess } from "./set-member-access.js";
import { AccountRepository } from "./account.repository.js";
import { MembershipRepository } from "./membership.repository.js";

export const INVITATION_TTL_MS = 7 * 86_400_000;

export const newInvitationToken = () => `cabi_${randomBytes(32).toString("base64url")}`;
export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function describeInvitation(i: Invitation, now: number) {
  return {
    id: i.id,
    email: i.email,
    roles: i.roles,
    serviceIds: i.serviceIds,
    status: invitationStatus(i, now),
    createdAt: new Date(i.createdAt).toISOString(),
    expiresAt: new Date(i.expiresAt).toISOString(),
  };
}

/**
 * The owner invites a person by e-mail with roles (and maybe a service scope): a single-use
 * link valid seven days. The link is given back to the owner and published as `user.invited`
 * for the notifications pipeline.
 */
@injectable()
export class InviteUser {
  constructor(
    @inject(InvitationRepository) private readonly invitations: InvitationRepository,
    @inject(RoleRepository) private readonly roles: RoleRepository,
    @inject(TOKENS.OwnedServices) private readonly services: OwnedServices,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId" | "brandId" | "userId" | "name">, input: { email: string } & MemberAccess) {
    const now = this.clock.now();
    const email = input.email.toLowerCase();
    const token = newInvitationToken();
    const invitation = await inTransaction(this.db, async (trx) => {
      const access = await checkAccess(trx, auth.accountId, input, this.roles, this.services);
      const existing = await this.accounts.findUserByEmail(auth.brandId, email, trx);
      if (existing && (await this.memberships.find(auth.accountId, existing.id, trx))) {
        throw new CabinetError(
          "CAB_ERR_CONFLICT",
          { field: "email", reason: "already a user of the account" },
          "This person is already a user of the account.",
        );
      }
      const created: Invitation = {
        id: newId("ivt", now),
        brandId: auth.brandId,
        accountId: auth.accountId,
        email,
        roles: access.roles,
        serviceIds: access.serviceIds,
        invitedBy: auth.userId,
        createdAt: now,
        expiresAt: now + INVITATION_TTL_MS,
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
      };
      await this.invitations.insert(created, hashInvitationToken(token), trx);
      await this.audit.record(trx, {
        accountId: auth.accountId,
        action: "user.invited",
        target: { type: "invitation", id: created.id },
        details: { email, roles: access.roles, serviceIds: access.serviceIds },
      });
      return created;
    });
    const link = invitationLink(this.config, token);
    const accountName = (await this.accounts.findAccount(auth.accountId))?.name ?? "";
    await this.events.publish("user.invited", {
      accountId: auth.accountId,
      userId: auth.userId,
      invitationId: invitation.id,
      email,
      link,
      expiresAt: invitation.expiresAt,
      accountName,
      invitedBy: auth.name,
    });
    return { invitation: describeInvitation(invitation, now), link };
  }
}

/** Where the invitee goes: the provider's page that shows `<cab-users accept>` reads `?invitation=`. */
export function invitationLink(config: CabinetConfig, token: string): string {
  return `${config.http.publicUrl}/?invitation=${token}`;
}
