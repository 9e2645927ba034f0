import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { hashSessionToken } from "../accounts/index.js";
import { StaffRepository } from "./staff.repository.js";
import type { StaffAuthContext } from "./staff-member.js";
import { isStaffToken } from "./staff-token.js";

const TOUCH_EVERY_MS = 60_000;

/**
 * Finds the live staff session behind a bearer token; undefined when it is unknown, expired,
 * revoked, or its member suspended. Looks only in `staff_sessions`: a client's token is never
 * a staff session, whatever it is.
 */
@injectable()
export class AuthenticateStaff {
  constructor(
    @inject(StaffRepository) private readonly staff: StaffRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(token: string): Promise<StaffAuthContext | undefined> {
    if (!isStaffToken(token)) return undefined; // a client's token: not worth a query
    const now = this.clock.now();
    const found = await this.staff.findActiveSession(hashSessionToken(token), now);
    if (!found) return undefined;
    if (now - found.lastSeenAt > TOUCH_EVERY_MS) await this.staff.touchSession(found.sessionId, now);
    const { lastSeenAt: _, ...auth } = found;
    return { kind: "staff", ...auth };
  }
}
