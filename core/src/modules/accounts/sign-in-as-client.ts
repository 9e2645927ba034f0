import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import { BrandDirectory } from "../brands/index.js";
import { AccountRepository } from "./account.repository.js";
import { CreateSession } from "./create-session.js";

/**
 * Staff "sign in as client": a staff member with the right opens a client's area, read-only or
 * acting, as the account's owner — never their password, second factor or recovery codes, only
 * a session of an hour that carries the staff member's id. The client sees it in their audit
 * log, with the staff member's name; everything done in it is logged as the staff member's, and
 * money actions are marked `staffAction`. The owner is told at once (in-app and by e-mail:
 * `staff.signed_in_as_client`) unless the brand turned that off (`announceStaffSignIn`).
 */
@injectable()
export class SignInAsClient {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(CreateSession) private readonly createSession: CreateSession,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
  ) {}

  async execute(
    staff: { staffId: string; brandId: string; name?: string },
    accountId: string,
    mode: "read" | "act",
    client: { ip: string; userAgent: string },
  ) {
    const account = await this.accounts.findAccount(accountId);
    // Another brand's account is as unknown to this staff member as a made-up id.
    if (!account || account.brandId !== staff.brandId) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "account", id: accountId });
    const owner = (await this.accounts.listUsers(accountId)).find((u) => u.role === "owner" && u.status === "active");
    if (!owner || account.status !== "active") throw new CabinetError("CAB_ERR_CONFLICT", { reason: "the account has no active owner or is suspended" });
    const session = await this.createSession.execute(owner, client, { staffId: staff.staffId, mode });
    await this.audit.record(undefined, {
      accountId,
      action: "staff.signed_in_as_client",
      target: { type: "session", id: session.sessionId },
      details: { mode, expiresAt: new Date(session.expiresAt).toISOString() },
      actor: { kind: "staff", id: staff.staffId, name: staff.name ?? staff.staffId, staffId: staff.staffId, ip: client.ip, userAgent: client.userAgent },
    });
    const staffName = staff.name ?? staff.staffId;
    const announce = (await this.brands.byId(account.brandId))?.announceStaffSignIn ?? true;
    await this.events.publish("staff.signed_in_as_client", {
      accountId,
      userId: owner.id,
      staffId: staff.staffId,
      staffName,
      mode,
      sessionId: session.sessionId,
      at: this.clock.now(),
      announce,
    });
    return { token: session.token, accountId, mode, expiresAt: new Date(session.expiresAt).toISOString() };
  }
}
