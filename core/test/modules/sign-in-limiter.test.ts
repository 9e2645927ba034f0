import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { CabinetError } from "../../src/index.js";
import { SignInLimiter } from "../../src/modules/accounts/sign-in-limiter.js";

const limits = { perIp: { points: 3, durationSeconds: 60 }, perAccount: { points: 2, durationSeconds: 60 } };
const redisUrl = process.env.CABINET_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const clients: Redis[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));

function nodeLimiter(): SignInLimiter {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  clients.push(client);
  return new SignInLimiter(limits, client);
}

async function refusedCode(run: Promise<unknown>): Promise<string | null> {
  try {
    await run;
    return null;
  } catch (error) {
    return (error as CabinetError).code;
  }
}

describe("sign-in limits shared through Redis by several core processes", () => {
  it("counts failures for one account across processes", async () => {
    const [a, b] = [nodeLimiter(), nodeLimiter()];
    const account = `brd_test:${randomUUID()}@example.org`;
    await a.admit(`ip-${randomUUID()}`, account);
    await a.recordFailure(account);
    await b.admit(`ip-${randomUUID()}`, account);
    await b.recordFailure(account);
    // Two failures on two processes reach the limit of two for the third process too.
    expect(await refusedCode(nodeLimiter().admit(`ip-${randomUUID()}`, account))).toBe("CAB_ERR_RATE_LIMITED");
  });

  it("counts attempts from one IP across processes, and a success resets only the account", async () => {
    const [a, b] = [nodeLimiter(), nodeLimiter()];
    const ip = `ip-${randomUUID()}`;
    const account = `brd_test:${randomUUID()}@example.org`;
    await a.admit(ip, account);
    await a.recordFailure(account);
    await a.recordSuccess(account);
    await b.admit(ip, account);
    await b.admit(ip, `brd_test:${randomUUID()}`);
    expect(await refusedCode(a.admit(ip, `brd_test:${randomUUID()}`))).toBe("CAB_ERR_RATE_LIMITED");
  });
});
