import { expect } from "vitest";
import { addUser } from "./notification-helpers.js";
import type { TestCabinet } from "./test-cabinet.js";

/** A member of the owner's account holding `roles` (and limited to `serviceIds`), signed in. */
export async function addRoleMember(t: TestCabinet, owner: { token: string; accountId: string }, roles: string[], serviceIds: string[] | null = null) {
  const member = await addUser(t, owner.accountId);
  const set = await t.request("PUT", `/api/v1/users/${member.userId}/access`, { token: owner.token, body: { roles, serviceIds } });
  expect(set.status, JSON.stringify(set.body)).toBe(204);
  return member;
}

/** The status of each request, by a short name, to compare a whole rights matrix at once. */
export async function statuses(t: TestCabinet, token: string, calls: Record<string, [string, string, unknown?]>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, [method, path, body]] of Object.entries(calls)) {
    out[name] = (
      await t.request(method, `/api/v1${path}`, { token, body, headers: method === "POST" ? { "idempotency-key": `k-${name}-${Math.random()}` } : {} })
    ).status;
  }
  return out;
}

export function expectRefused(response: { status: number; body: any }, status: number, code: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.error.code).toBe(code);
}
