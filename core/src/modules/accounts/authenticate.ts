import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { SessionRepository } from "./session.repository.js";
import { hashSessionToken } from "./session-token.js";
import { effectivePermissions, type AuthContext } from "./auth-context.js";
import { MembershipRepository } from "./membership.repository.js";
import { combineRights } from "./rights.js";

const TOUCH_EVERY_MS = 60_000;

/** Finds the live session behind a token; undefined when it is unknown, expired, revoked or suspended. */
@injectable()
export class Authenticate {
  constructor(
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(token: string, via: AuthContext["via"]): Promise<AuthContext | undefined> {
    const now = this.clock.now();
    const found = await this.sessions.findActive(hashSessionToken(token), now);
    if (!found) return undefined;
    // "Last seen" is for the user's list of devices; once a minute is precise enough and
    // keeps the hot read path free of writes.
    if (now - found.lastSeenAt > TOUCH_EVERY_MS) await this.sessions.touch(found.sessionId, now);
    const { lastSeenAt: _, legacyPermissions, serviceScoped, ...session } = found;
    // The owner holds every right; a member's come from their roles, read on each request so a
    // change of role applies at once.
    const owner = found.role === "owner";
    const [roleRights, scope] = owner
      ? [[], null]
      : await Promise.all([
          this.memberships.roleRights(found.accountId, found.userId),
          serviceScoped ? this.memberships.scope(found.accountId, found.userId) : null,
        ]);
    const rights = combineRights(found.role, legacyPermissions, roleRights);
    return { ...session, rights, permissions: effectivePermissions(found.role, legacyPermissions, rights), serviceScope: scope, via };
  }
}
