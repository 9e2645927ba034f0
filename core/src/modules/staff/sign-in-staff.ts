import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import type { PasswordHasher } from "../accounts/index.js";
import type { SignInLimiter } from "../accounts/index.js";
import { hashSessionToken } from "../accounts/index.js";
import { StaffRepository } from "./staff.repository.js";
import type { StaffMember } from "./staff-member.js";
import { newStaffToken } from "./staff-token.js";

/**
 * How long a staff token lives: one working day. Staff move money, so a token left in a
 * browser tab should not outlive the shift; there is no refresh, they sign in again.
 */
export const STAFF_SESSION_TTL_MS = 12 * 3_600_000;

/**
 * Signs a staff member in with e-mail and password and opens a bearer session. An unknown
 * e-mail and a wrong password give the same error after the same work. Limited by the same
 * limiter as clients' sign-in: the IP budget is shared (an address guessing at either door is
 * the same address), the per-e-mail budget has its own `staff:` key space, so a client and a
 * staff member with one e-mail never lock each other out.
 */
@injectable()
export class SignInStaff {
  constructor(
    @inject(StaffRepository) private readonly staff: StaffRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.RateLimiters) private readonly limiter: SignInLimiter,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(input: {
    brand: Brand;
    email: string;
    password: string;
    ip: string;
    userAgent: string;
  }): Promise<{ member: StaffMember; token: string; expiresAt: number }> {
    const email = input.email.toLowerCase();
    const limitKey = `staff:${input.brand.id}:${email}`;
    await this.limiter.admit("sign-in", input.ip, limitKey);

    const member = await this.staff.findByEmail(input.brand.id, email);
    const passwordMatches = member ? await this.hasher.verify(member.passwordHash, input.password) : await this.hasher.verifyNothing(input.password);
    if (!member || !passwordMatches) throw new CabinetError("CAB_ERR_INVALID_CREDENTIALS");
    await this.limiter.recordSuccess("sign-in", limitKey);
    // Only said to someone who knows the password.
    if (member.status !== "active") throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "suspended" }, "This staff member is suspended.");

    const now = this.clock.now();
    const token = newStaffToken();
    const session = {
      id: newId("sts", now),
      tokenHash: hashSessionToken(token),
      staffId: member.id,
      brandId: member.brandId,
      ip: input.ip.slice(0, 64),
      userAgent: input.userAgent.slice(0, 255),
      createdAt: now,
      expiresAt: now + STAFF_SESSION_TTL_MS,
    };
    await this.staff.insertSession(session);
    await this.events.publish("staff.signed_in", {
      brandId: member.brandId,
      staffId: member.id,
      sessionId: session.id,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    return { member, token, expiresAt: session.expiresAt };
  }
}
