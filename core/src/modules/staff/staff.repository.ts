import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { StaffAuthContext, StaffMember, StaffRole } from "./staff-member.js";

interface StaffRow {
  id: string;
  brand_id: string;
  email: string;
  name: string;
  password_hash: string;
  role: StaffRole;
  status: StaffMember["status"];
  created_at: number;
}

const toStaff = (r: StaffRow): StaffMember => ({
  id: r.id,
  brandId: r.brand_id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  role: r.role,
  status: r.status,
  createdAt: Number(r.created_at),
});

export interface NewStaffSession {
  id: string;
  tokenHash: string;
  staffId: string;
  brandId: string;
  ip: string;
  userAgent: string;
  createdAt: number;
  expiresAt: number;
}

/** The `staff_users` and `staff_sessions` tables; only the staff module touches them. */
@injectable()
export class StaffRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(staff: StaffMember): Promise<void> {
    await this.db("staff_users").insert({
      id: staff.id,
      brand_id: staff.brandId,
      email: staff.email,
      name: staff.name,
      password_hash: staff.passwordHash,
      role: staff.role,
      status: staff.status,
      created_at: staff.createdAt,
    });
  }

  /** E-mails are stored lower-cased, so this lookup is exact and uses the unique index. */
  async findByEmail(brandId: string, email: string): Promise<StaffMember | undefined> {
    const row = await this.db<StaffRow>("staff_users").where({ brand_id: brandId, email: email.toLowerCase() }).first();
    return row ? toStaff(row) : undefined;
  }

  async find(brandId: string, id: string): Promise<StaffMember | undefined> {
    const row = await this.db<StaffRow>("staff_users").where({ brand_id: brandId, id }).first();
    return row ? toStaff(row) : undefined;
  }

  async insertSession(session: NewStaffSession): Promise<void> {
    await this.db("staff_sessions").insert({
      id: session.id,
      token_hash: session.tokenHash,
      staff_id: session.staffId,
      brand_id: session.brandId,
      ip: session.ip,
      user_agent: session.userAgent,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_seen_at: session.createdAt,
      revoked_at: null,
    });
  }

  /**
   * The live session behind a token hash, joined with its staff member in one query, so a
   * suspended member (or one whose role changed) is seen as such at the very next request.
   */
  async findActiveSession(tokenHash: string, now: number): Promise<(Omit<StaffAuthContext, "kind"> & { lastSeenAt: number }) | undefined> {
    const row = await this.db("staff_sessions as s")
      .join("staff_users as u", "u.id", "s.staff_id")
      .where("s.token_hash", tokenHash)
      .whereNull("s.revoked_at")
      .where("s.expires_at", ">", now)
      .where("u.status", "active")
      // A session opened in one brand never serves another, even if the member's row moved.
      .whereRaw("u.brand_id = s.brand_id")
      .first<{ id: string; staff_id: string; brand_id: string; role: StaffRole; name: string; expires_at: number; last_seen_at: number } | undefined>(
        "s.id",
        "s.staff_id",
        "u.name",
        "s.brand_id",
        "u.role",
        "s.expires_at",
        "s.last_seen_at",
      );
    if (!row) return undefined;
    return {
      sessionId: row.id,
      staffId: row.staff_id,
      brandId: row.brand_id,
      role: row.role,
      name: row.name,
      expiresAt: Number(row.expires_at),
      lastSeenAt: Number(row.last_seen_at),
    };
  }

  async touchSession(id: string, now: number): Promise<void> {
    await this.db("staff_sessions").where({ id }).update({ last_seen_at: now });
  }

  async revokeSession(id: string, now: number): Promise<void> {
    await this.db("staff_sessions").where({ id }).whereNull("revoked_at").update({ revoked_at: now });
  }
}
