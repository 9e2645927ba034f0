import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { CabinetError } from "../../errors/cabinet-error.js";

export interface Limit {
  points: number;
  durationSeconds: number;
}

/** A limiter in memory on one process, or in Redis when several share the load. */
export function makeRateLimiter(limit: Limit, keyPrefix: string, redis?: Redis): RateLimiterAbstract {
  return redis
    ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points: limit.points, duration: limit.durationSeconds })
    : new RateLimiterMemory({ keyPrefix, points: limit.points, duration: limit.durationSeconds });
}

/**
 * The doors a guesser may knock on: password sign-in, a second factor (TOTP or recovery code),
 * a password reset (asking for one and using one), a passkey assertion.
 */
export type AttemptKind = "sign-in" | "second-factor" | "reset" | "passkey";

export interface AttemptLimits {
  /** Attempts from one IP, every door together: an address guessing at any door is the same address. */
  perIp: Limit;
  /** Attempts on one subject (an account's e-mail, a user's second factor, a reset e-mail, a passkey challenge). */
  perSubject: Record<AttemptKind, Limit>;
}

/**
 * One rate-limit design for every sign-in door. Each attempt is *counted before it is tried*:
 * `consume` checks and increments in one atomic step (one Lua script in Redis, one synchronous
 * update in memory), so parallel requests cannot all pass a check made before any of them is
 * counted — the old "look, try, then count the failure" let 25 wrong passwords sent at once all
 * through. A success gives the subject a clean slate (`recordSuccess`), so a user who mistyped
 * twice and then got it right does not carry the mistakes.
 *
 * @example
 * await limiter.admit("sign-in", ip, `${brandId}:${email}`); // 429 CAB_ERR_RATE_LIMITED when over
 * if (!(await verify())) throw new CabinetError("CAB_ERR_INVALID_CREDENTIALS");
 * await limiter.recordSuccess("sign-in", `${brandId}:${email}`);
 */
export class SignInLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly perSubject: Record<AttemptKind, RateLimiterAbstract>;

  constructor(limits: AttemptLimits, redis?: Redis, keyPrefix = "cabinet:") {
    this.perIp = makeRateLimiter(limits.perIp, `${keyPrefix}auth:ip`, redis);
    const kinds: AttemptKind[] = ["sign-in", "second-factor", "reset", "passkey"];
    this.perSubject = Object.fromEntries(kinds.map((kind) => [kind, makeRateLimiter(limits.perSubject[kind], `${keyPrefix}auth:${kind}`, redis)])) as Record<
      AttemptKind,
      RateLimiterAbstract
    >;
  }

  /**
   * Counts one attempt at `kind` from `ip` on `subject` and refuses it (429) when either is over
   * its limit. The IP point is spent even when the subject refuses: every knock counts.
   */
  async admit(kind: AttemptKind, ip: string, subject: string): Promise<void> {
    await consume(this.perIp, ip);
    await consume(this.perSubject[kind], subject);
  }

  /** Counts one attempt on `subject` alone (a door where the IP budget was already taken). */
  async admitSubject(kind: AttemptKind, subject: string): Promise<void> {
    await consume(this.perSubject[kind], subject);
  }

  /** The subject proved itself: its earlier failures are forgotten. */
  async recordSuccess(kind: AttemptKind, subject: string): Promise<void> {
    await this.perSubject[kind].delete(subject);
  }
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    throw tooMany(error);
  }
}

/** Sign-ups per IP (every attempt counts, taken e-mails too). In memory on one process, in Redis when several share the load. */
export class SignUpLimiter {
  private readonly perIp: RateLimiterAbstract;

  constructor(limit: Limit, redis?: Redis) {
    this.perIp = makeRateLimiter(limit, "cabinet:signup:ip", redis);
  }

  /** Counts one attempt from `ip`; 429 CAB_ERR_RATE_LIMITED once it is over the limit. */
  async admit(ip: string): Promise<void> {
    try {
      await this.perIp.consume(ip);
    } catch (error) {
      throw tooMany(error);
    }
  }
}

/** A limiter's refusal as `CAB_ERR_RATE_LIMITED`; any other error (the store failed) is a fault and rethrown. */
export function tooMany(error: unknown): CabinetError {
  if (!(error instanceof RateLimiterRes)) throw error; // the store failed: a fault, not a limit
  return new CabinetError("CAB_ERR_RATE_LIMITED", { retryAfterSeconds: Math.ceil(error.msBeforeNext / 1000) });
}
