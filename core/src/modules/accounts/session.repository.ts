import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson } from "../../db/json.js";
import { PreparedRead } from "../../db/prepared-read.js";
import type { Permission, UserRole } from "./auth-context.js";

export interface NewSession {
  id: string;
  tokenHash: string;
  userId: string;
  accountId: string;
  brandId: string;
  csrfToken: string;
  ip: string;
  userAgent: string;
  createdAt: number;
  expiresAt: number;
  staffId?: string | null;
  staffMode?: "read" | "act" | null;
}

/** A live session with its user's membership of the session's account (not yet their rights). */
export interface ActiveSession {
  sessionId: string;
  userId: string;
  accountId: string;
  brandId: string;
  csrfToken: string;
  expiresAt: number;
  lastSeenAt: number;
  name: string;
  /** The user's language as stored (PATCH /me): what the catalog's names are answered in. */
  locale: string;
  role: UserRole;
  legacyPermissions: Permission[];
  serviceScoped: boolean;
  mustChangePassword: boolean;
  staffId: string | null;
  staffMode: "read" | "act" | null;
  secondFactorMissing: boolean;
}

interface ActiveSessionRow {
  id: string;
  user_id: string;
  account_id: string;
  brand_id: string;
  csrf_token: string;
  expires_at: number;
  last_seen_at: number;
  name: string;
  locale: string;
  must_change_password: number | boolean;
  home_account_id: string;
  home_role: UserRole;
  home_permissions: string;
  home_scoped: number | boolean;
  member_role: UserRole | null;
  member_permissions: string | null;
  member_scoped: number | boolean | null;
  staff_id: string | null;
  staff_mode: "read" | "act" | null;
  require_two_factor: number | boolean | null;
  totp_confirmed_at: number | null;
}

/** The `sessions` table. Tokens are never stored: only their SHA-256. */
@injectable()
export class SessionRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(session: NewSession): Promise<void> {
    await this.db("sessions").insert({
      id: session.id,
      token_hash: session.tokenHash,
      user_id: session.userId,
      account_id: session.accountId,
      brand_id: session.brandId,
      csrf_token: session.csrfToken,
      ip: session.ip,
      user_agent: session.userAgent,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_seen_at: session.createdAt,
      revoked_at: null,
      staff_id: session.staffId ?? null,
      staff_mode: session.staffMode ?? null,
    });
  }

  /**
   * The live session for a token hash, joined with its user and account in one query, so
   * suspending a user or an account ends their sessions at the very next request.
   */
  async findActive(tokenHash: string, now: number): Promise<ActiveSession | undefined> {
    // The brand's 2FA rule and the user's TOTP come in the same query: no extra round trip per request.
    const [row] = await activeSessionByToken.rows(this.db, tokenHash, now);
    if (!row) return undefined;
    return {
      sessionId: row.id,
      userId: row.user_id,
      accountId: row.account_id,
      brandId: row.brand_id,
      csrfToken: row.csrf_token,
      expiresAt: Number(row.expires_at),
      lastSeenAt: Number(row.last_seen_at),
      name: row.name,
      locale: row.locale,
      mustChangePassword: Boolean(row.must_change_password),
      ...(row.home_account_id === row.account_id
        ? { role: row.home_role, legacyPermissions: fromJson<Permission[]>(row.home_permissions, []), serviceScoped: Boolean(row.home_scoped) }
        : { role: row.member_role!, legacyPermissions: fromJson<Permission[]>(row.member_permissions, []), serviceScoped: Boolean(row.member_scoped) }),
      staffId: row.staff_id,
      staffMode: row.staff_mode,
      secondFactorMissing: Boolean(row.require_two_factor) && row.totp_confirmed_at == null,
    };
  }

  /** Whether the session may still be used: not revoked nor expired, its user and account active. */
  async isActive(id: string, now: number): Promise<boolean> {
    return (await liveSessions(this.db, now).where("s.id", id).first("s.id")) !== undefined;
  }

  /** Ends every live session of a user in one account (disabled, removed) or everywhere. */
  async revokeForUser(userId: string, now: number, trx: Database = this.db, accountId?: string): Promise<number> {
    const q = trx("sessions").where({ user_id: userId }).whereNull("revoked_at");
    if (accountId) q.where({ account_id: accountId });
    return q.update({ revoked_at: now });
  }

  /** Moves a session to another account the person belongs to (the account switcher). */
  async switchAccount(id: string, accountId: string, trx: Database = this.db): Promise<void> {
    await trx("sessions").where({ id }).whereNull("revoked_at").update({ account_id: accountId });
  }

  /** When the session was opened (undefined when unknown). */
  async createdAt(id: string): Promise<number | undefined> {
    const row = await this.db("sessions").where({ id }).first("created_at");
    return row ? Number(row.created_at) : undefined;
  }

  async touch(id: string, now: number): Promise<void> {
    await this.db("sessions").where({ id }).update({ last_seen_at: now });
  }

  /** Ends every live session of the user but `keep` (the caller's own, on a password change). */
  async revokeAllOf(userId: string, now: number, keep?: string, trx: Database = this.db): Promise<number> {
    const query = trx("sessions").where({ user_id: userId }).whereNull("revoked_at");
    if (keep) query.whereNot({ id: keep });
    return query.update({ revoked_at: now });
  }

  /** Ends every live session of every user of the account (the account was suspended). */
  async revokeAllOfAccount(accountId: string, now: number): Promise<number> {
    return this.db("sessions").where({ account_id: accountId }).whereNull("revoked_at").update({ revoked_at: now });
  }

  /** The user's live sessions, newest first: for their list of devices. */
  async listLive(
    userId: string,
    now: number,
  ): Promise<{ id: string; ip: string; userAgent: string; createdAt: number; lastSeenAt: number; expiresAt: number }[]> {
    const rows = await this.db("sessions")
      .where({ user_id: userId })
      .whereNull("revoked_at")
      .where("expires_at", ">", now)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .select("id", "ip", "user_agent", "created_at", "last_seen_at", "expires_at");
    return rows.map((r) => ({
      id: r.id,
      ip: r.ip,
      userAgent: r.user_agent,
      createdAt: Number(r.created_at),
      lastSeenAt: Number(r.last_seen_at),
      expiresAt: Number(r.expires_at),
    }));
  }

  /** Ends one of the user's sessions; false when it is not theirs or already ended. */
  async revokeOf(userId: string, id: string, now: number): Promise<boolean> {
    return (await this.db("sessions").where({ id, user_id: userId }).whereNull("revoked_at").update({ revoked_at: now })) === 1;
  }

  async revoke(id: string, now: number): Promise<void> {
    await this.db("sessions").where({ id }).whereNull("revoked_at").update({ revoked_at: now });
  }
}

/**
 * Sessions not revoked nor expired whose user, account and membership of that account are
 * active, joined as `s`, `u`, `a` and `am` (the membership when the account is not the
 * user's home one). Disabling or removing a member ends their sessions at the next request.
 */
function liveSessions(db: Database, now: number) {
  return db("sessions as s")
    .join("users as u", "u.id", "s.user_id")
    .join("accounts as a", "a.id", "s.account_id")
    .leftJoin("account_members as am", (j) => j.on("am.account_id", "s.account_id").andOn("am.user_id", "s.user_id"))
    .whereNull("s.revoked_at")
    .where("s.expires_at", ">", now)
    .where("u.status", "active")
    .where("a.status", "active")
    .where((q) => q.whereRaw("u.account_id = s.account_id").orWhere("am.status", "active"));
}

/** The live session behind a token hash: read on every signed-in request, so its SQL is built once. */
const activeSessionByToken = new PreparedRead<ActiveSessionRow, [tokenHash: string, now: number]>((db, tokenHash, now) =>
  liveSessions(db, now)
    .join("brands as b", "b.id", "s.brand_id")
    .leftJoin("user_totp as t", "t.user_id", "s.user_id")
    .where("s.token_hash", tokenHash)
    .first(
      "s.id",
      "s.user_id",
      "s.account_id",
      "s.brand_id",
      "s.csrf_token",
      "s.expires_at",
      "s.last_seen_at",
      "s.staff_id",
      "s.staff_mode",
      "u.name",
      "u.locale",
      "u.must_change_password",
      { home_account_id: "u.account_id", home_role: "u.role", home_permissions: "u.permissions", home_scoped: "u.service_scoped" },
      { member_role: "am.role", member_permissions: "am.permissions", member_scoped: "am.service_scoped" },
      "b.require_two_factor",
      "t.confirmed_at as totp_confirmed_at",
    ),
);
