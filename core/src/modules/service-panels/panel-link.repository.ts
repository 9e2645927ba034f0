import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";

export interface PanelLink {
  id: string;
  accountId: string;
  serviceId: string;
  userId: string;
  expiresAt: number;
}

/** The one-time control panel links (table `service_panel_links`): only a hash of each secret is kept. */
@injectable()
export class PanelLinkRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(link: PanelLink & { tokenHash: string; createdAt: number }): Promise<void> {
    await this.db("service_panel_links").insert({
      id: link.id,
      token_hash: link.tokenHash,
      account_id: link.accountId,
      service_id: link.serviceId,
      user_id: link.userId,
      created_at: link.createdAt,
      expires_at: link.expiresAt,
      used_at: null,
    });
  }

  /**
   * Marks the link used, if it is unused and unexpired, in one conditional update: of two
   * requests racing with the same link, exactly one gets it.
   */
  async consume(tokenHash: string, now: number): Promise<PanelLink | undefined> {
    const changed = await this.db("service_panel_links")
      .where({ token_hash: tokenHash })
      .whereNull("used_at")
      .where("expires_at", ">", now)
      .update({ used_at: now });
    if (changed !== 1) return undefined;
    const row = await this.db("service_panel_links").where({ token_hash: tokenHash }).first();
    return row ? { id: row.id, accountId: row.account_id, serviceId: row.service_id, userId: row.user_id, expiresAt: Number(row.expires_at) } : undefined;
  }

  /** Links expired for a while are of no use to anyone. */
  async deleteExpired(before: number): Promise<void> {
    await this.db("service_panel_links").where("expires_at", "<", before).delete();
  }
}
