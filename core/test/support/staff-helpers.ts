import { CreateStaffMember } from "../../src/modules/staff/create-staff-member.js";
import type { StaffRole } from "../../src/modules/staff/staff-member.js";
import type { TestCabinet } from "./test-cabinet.js";

let counter = 0;

/** Adds a staff member to a brand (as `cabinet create-staff` does) and signs them in; returns their bearer token. */
export async function signInStaff(
  t: TestCabinet,
  role: StaffRole = "finance",
  brand = "demo",
): Promise<{ token: string; staffId: string; email: string; password: string }> {
  const email = `${role}${++counter}-${Date.now()}@staff.example`;
  const password = "staff password 123";
  const { member } = await t.cabinet.container.resolve(CreateStaffMember).execute({ brandSlug: brand, email, name: `Staff ${counter}`, role, password });
  const response = await t.request("POST", "/api/v1/staff/auth/sign-in", { body: { email, password }, headers: { "x-cabinet-brand": brand } });
  if (response.status !== 200) throw new Error(`staff sign-in failed: ${JSON.stringify(response.body)}`);
  return { token: response.body.token, staffId: member.id, email, password };
}

/**
 * Opens MySQL connections up front, before a test fires requests "at once": otherwise the first
 * runs on the one open connection while the others wait for theirs, and the race quietly
 * becomes one request after another.
 */
export async function warmPool(t: TestCabinet, connections = 8): Promise<void> {
  if (t.dialect === "mysql") await Promise.all(Array.from({ length: connections }, () => t.cabinet.db.raw("SELECT SLEEP(0.05)")));
}
