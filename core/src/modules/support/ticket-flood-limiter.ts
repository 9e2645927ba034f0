import type { Redis } from "ioredis";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { makeRateLimiter, tooMany, type Limit } from "../accounts/index.js";

/**
 * Flood protection for support: tickets opened and messages posted per user (or staff member)
 * in a window. In memory on one process, in Redis when several share the load, like sign-in's.
 */
export class TicketFloodLimiter {
  private readonly opens: RateLimiterAbstract;
  private readonly messages: RateLimiterAbstract;

  constructor(limits: { open: Limit; message: Limit }, redis?: Redis, keyPrefix = "cabinet:support") {
    this.opens = makeRateLimiter(limits.open, `${keyPrefix}:open`, redis);
    this.messages = makeRateLimiter(limits.message, `${keyPrefix}:message`, redis);
  }

  /** Counts one ticket opened by `who` (a user's id); refuses it over the limit. */
  admitOpen(who: string): Promise<void> {
    return consume(this.opens, who);
  }

  /** Counts one message posted by `who` (a user's or a staff member's id); refuses it over the limit. */
  admitMessage(who: string): Promise<void> {
    return consume(this.messages, who);
  }
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    throw tooMany(error);
  }
}
