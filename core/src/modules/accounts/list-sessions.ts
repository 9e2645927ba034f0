import { inject, injectable } from "tsyringe";
import { UAParser } from "ua-parser-js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { SessionRepository } from "./session.repository.js";
import type { AuthContext } from "./auth-context.js";

/** A readable device name from a user agent: "Firefox 120 on Ubuntu", "Mobile Safari on iOS 17". */
export function describeDevice(userAgent: string): { browser: string | null; os: string | null; deviceType: string } {
  const ua = new UAParser(userAgent).getResult();
  const browser = ua.browser.name ? [ua.browser.name, ua.browser.major].filter(Boolean).join(" ") : null;
  const os = ua.os.name ? [ua.os.name, ua.os.version].filter(Boolean).join(" ") : null;
  return { browser, os, deviceType: ua.device.type ?? "desktop" };
}

/** The signed-in user's live sessions (their devices), the current one marked. */
@injectable()
export class ListSessions {
  constructor(
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "userId" | "sessionId">) {
    const live = await this.sessions.listLive(auth.userId, this.clock.now());
    return live.map((s) => ({
      id: s.id,
      current: s.id === auth.sessionId,
      ip: s.ip,
      userAgent: s.userAgent,
      device: describeDevice(s.userAgent),
      createdAt: new Date(s.createdAt).toISOString(),
      lastSeenAt: new Date(s.lastSeenAt).toISOString(),
      expiresAt: new Date(s.expiresAt).toISOString(),
    }));
  }
}
