import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { CabinetError } from "../../src/index.js";
import { SignInLimiter, type AttemptKind } from "../../src/modules/accounts/sign-in-limiter.js";

const perSubject = { points: 2, durationSeconds: 60 };
const limits = {
  perIp: { points: 3, durationSeconds: 60 },
  perSubject: { "sign-in": perSubject, "second-factor": perSubject, reset: perSubject, passkey: perSubject },
};
const redisUrl = process.env.CABINET_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const clients: Redis[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));
// A prefix of its own per run: Redis is shared with other tests and other checkouts.
const prefix = `cabinet-test-${randomUUID()}:`;

function nodeLimiter(ipPoints = limits.perIp.points): SignInLimiter {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  clients.push(client);
  return new SignInLimiter({ ...limits, perIp: { points: ipPoints, durationSeconds: 60 } }, client, prefix);
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
  it("counts attempts on one account across processes", async () => {
    const [a, b] = [nodeLimiter(), nodeLimiter()];
    const account = `brd_test:${randomUUID()}@example.org`;
    await a.admit("sign-in", `ip-${randomUUID()}`, account);
    await b.admit("sign-in", `ip-${randomUUID()}`, account);
    // Two attempts on two processes reach the limit of two for the third process too.
    expect(await refusedCode(nodeLimiter().admit("sign-in", `ip-${randomUUID()}`, account))).toBe("CAB_ERR_RATE_LIMITED");
  });

  it("counts attempts from one IP across processes and doors; a success resets only the subject", async () => {
    const [a, b] = [nodeLimiter(), nodeLimiter()];
    const ip = `ip-${randomUUID()}`;
    const account = `brd_test:${randomUUID()}@example.org`;
    await a.admit("sign-in", ip, account);
    await a.recordSuccess("sign-in", account);
    await b.admit("reset", ip, account);
    await b.admit("second-factor", ip, `usr_${randomUUID()}`);
    expect(await refusedCode(a.admit("sign-in", ip, `brd_test:${randomUUID()}`))).toBe("CAB_ERR_RATE_LIMITED");
  });

  it.each<AttemptKind>(["sign-in", "second-factor", "reset", "passkey"])(
    "lets exactly the limit through when %s attempts arrive at once on several processes",
    async (kind) => {
      const processes = [nodeLimiter(1000), nodeLimiter(1000), nodeLimiter(1000)];
      const subject = `subject-${randomUUID()}`;
      const outcomes = await Promise.all(Array.from({ length: 25 }, (_, i) => refusedCode(processes[i % 3].admit(kind, `ip-${randomUUID()}`, subject))));
      expect(outcomes.filter((o) => o === null)).toHaveLength(2);
      expect(outcomes.filter((o) => o === "CAB_ERR_RATE_LIMITED")).toHaveLength(23);
    },
  );
});
