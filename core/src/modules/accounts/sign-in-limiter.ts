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
 * Sign-in attempts per IP (every attempt counts) and failures per account (brand + e-mail;
 * reset by a success). In memory on one process, in Redis when several share the load.
 */
export class SignInLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly perAccount: RateLimiterAbstract;

  constructor(limits: { perIp: Limit; perAccount: Limit }, redis?: Redis) {
    this.perIp = makeRateLimiter(limits.perIp, "cabinet:signin:ip", redis);
    this.perAccount = makeRateLimiter(limits.perAccount, "cabinet:signin:account", redis);
  }

  /** Counts one attempt from `ip` and refuses it when the IP or the account is over its limit. */
  async admit(ip: string, accountKey: string): Promise<void> {
    try {
      await this.perIp.consume(ip);
    } catch (error) {
      throw tooMany(error);
    }
    const account = await this.perAccount.get(accountKey);
    if (account && account.consumedPoints >= this.perAccount.points) throw tooMany(account);
  }

  async recordFailure(accountKey: string): Promise<void> {
    await this.perAccount.penalty(accountKey, 1);
  }

  async recordSuccess(accountKey: string): Promise<void> {
    await this.perAccount.delete(accountKey);
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
