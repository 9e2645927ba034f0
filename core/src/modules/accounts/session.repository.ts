import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson } from "../../db/json.js";
import type { AuthContext, Permission, UserRole } from "./auth-context.js";
import { effectivePermissions } from "./auth-context.js";

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
}

interface ActiveSessionRow {
  id: string;
  user_id: string;
  account_id: string;
  brand_id: string;
  csrf_token: string;
  expires_at: number;
  last_seen_at: number;
  role: UserRole;
  permissions: string;
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
    });
  }

  /**
   * The live session for a token hash, joined with its user and account in one query, so
   * suspending a user or an account ends their sessions at the very next request.
   */
  async findActive(tokenHash: string, now: number): Promise<(Omit<AuthContext, "via"> & { lastSeenAt: number }) | undefined> {
    // The brand's 2FA rule and the user's TOTP come in the same query: no extra round trip per request.
    const row = await this.live(now)
      .join("brands as b", "b.id", "s.brand_id")
      .leftJoin("user_totp as t", "t.user_id", "s.user_id")
      .where("s.token_hash", tokenHash)
      .first<ActiveSessionRow | undefined>(
        "s.id",
        "s.user_id",
        "s.account_id",
        "s.brand_id",
        "s.csrf_token",
        "s.expires_at",
        "s.last_seen_at",
        "u.role",
        "u.permissions",
        "b.require_two_factor",
        "t.confirmed_at as totp_confirmed_at",
      );
    if (!row) return undefined;
    return {
      sessionId: row.id,
      userId: row.user_id,
      accountId: row.account_id,
      brandId: row.brand_id,
      csrfToken: row.csrf_token,
      expiresAt: Number(row.expires_at),
      lastSeenAt: Number(row.last_seen_at),
      role: row.role,
      permissions: effectivePermissions(row.role, fromJson<Permission[]>(row.permissions, [])),
      secondFactorMissing: Boolean(row.require_two_factor) && row.totp_confirmed_at == null,
    };
  }

  /** Whether the session may still be used: not revoked nor expired, its user and account active. */
  async isActive(id: string, now: number): Promise<boolean> {
    return (await this.live(now).where("s.id", id).first("s.id")) !== undefined;
  }

  /** Sessions not revoked nor expired whose user and account are active, joined as `s`, `u`, `a`. */
  private live(now: number) {
    return this.db("sessions as s")
      .join("users as u", "u.id", "s.user_id")
      .join("accounts as a", "a.id", "s.account_id")
      .whereNull("s.revoked_at")
      .where("s.expires_at", ">", now)
      .where("u.status", "active")
      .where("a.status", "active");
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
  async listLive(userId: string, now: number): Promise<{ id: string; ip: string; userAgent: string; createdAt: number; lastSeenAt: number; expiresAt: number }[]> {
    const rows = await this.db("sessions")
      .where({ user_id: userId })
      .whereNull("revoked_at")
      .where("expires_at", ">", now)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .select("id", "ip", "user_agent", "created_at", "last_seen_at", "expires_at");
    return rows.map((r) => ({ id: r.id, ip: r.ip, userAgent: r.user_agent, createdAt: Number(r.created_at), lastSeenAt: Number(r.last_seen_at), expiresAt: Number(r.expires_at) }));
  }

  /** Ends one of the user's sessions; false when it is not theirs or already ended. */
  async revokeOf(userId: string, id: string, now: number): Promise<boolean> {
    return (await this.db("sessions").where({ id, user_id: userId }).whereNull("revoked_at").update({ revoked_at: now })) === 1;
  }

  async revoke(id: string, now: number): Promise<void> {
    await this.db("sessions").where({ id }).whereNull("revoked_at").update({ revoked_at: now });
  }
}
