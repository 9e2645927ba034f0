/**
 * What a staff member may do. `admin` runs the brand; `finance` confirms transfers and
 * refunds; `support` reads (payments, accounts) to answer clients, and moves no money.
 */
export const staffRoles = ["admin", "finance", "support"] as const;
export type StaffRole = (typeof staffRoles)[number];

/** One of a provider's own people. A staff member belongs to exactly one brand. */
export interface StaffMember {
  id: string;
  brandId: string;
  email: string;
  name: string;
  passwordHash: string;
  role: StaffRole;
  status: "active" | "suspended";
  createdAt: number;
}

/** The signed-in staff member of a request, as their session and current record say. */
export interface StaffAuthContext {
  kind: "staff";
  sessionId: string;
  staffId: string;
  /** Every staff query filters by this brand in SQL: another brand's ids answer 404. */
  brandId: string;
  role: StaffRole;
  /** For the audit log. */
  name?: string;
  expiresAt: number;
}
