import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import type { DataExport } from "./data-export.js";

interface Row {
  id: string;
  brand_id: string;
  account_id: string;
  user_id: string;
  status: DataExport["status"];
  permissions: string;
  progress: number;
  file_key: string | null;
  size: number | null;
  error: string | null;
  created_at: number;
  ready_at: number | null;
  expires_at: number | null;
}

const toExport = (r: Row): DataExport => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  userId: r.user_id,
  status: r.status,
  permissions: fromJson<string[]>(r.permissions, []),
  progress: Number(r.progress),
  fileKey: r.file_key,
  size: r.size === null ? null : Number(r.size),
  error: r.error,
  createdAt: Number(r.created_at),
  readyAt: r.ready_at === null ? null : Number(r.ready_at),
  expiresAt: r.expires_at === null ? null : Number(r.expires_at),
});

/** The `data_exports` table; only the privacy module touches it. */
@injectable()
export class DataExportRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(e: DataExport): Promise<void> {
    await this.db("data_exports").insert({
      id: e.id,
      brand_id: e.brandId,
      account_id: e.accountId,
      user_id: e.userId,
      status: e.status,
      permissions: toJson(e.permissions),
      progress: e.progress,
      file_key: e.fileKey,
      size: e.size,
      error: e.error,
      created_at: e.createdAt,
      ready_at: e.readyAt,
      expires_at: e.expiresAt,
    });
  }

  /** One export of one user: another user's id is not found. */
  async findForUser(userId: string, id: string): Promise<DataExport | undefined> {
    const row = await this.db<Row>("data_exports").where({ id, user_id: userId }).first();
    return row ? toExport(row) : undefined;
  }

  async find(id: string): Promise<DataExport | undefined> {
    const row = await this.db<Row>("data_exports").where({ id }).first();
    return row ? toExport(row) : undefined;
  }

  async listForUser(userId: string, limit = 20): Promise<DataExport[]> {
    return (await this.db<Row>("data_exports").where({ user_id: userId }).orderBy("id", "desc").limit(limit)).map(toExport);
  }

  async inProgress(userId: string): Promise<DataExport | undefined> {
    const row = await this.db<Row>("data_exports").where({ user_id: userId }).whereIn("status", ["queued", "building"]).orderBy("id", "desc").first();
    return row ? toExport(row) : undefined;
  }

  async setProgress(id: string, status: DataExport["status"], progress: number): Promise<void> {
    await this.db("data_exports").where({ id }).update({ status, progress });
  }

  async markReady(id: string, fileKey: string, size: number, readyAt: number, expiresAt: number, trx: Database = this.db): Promise<void> {
    await trx("data_exports")
      .where({ id })
      .update({ status: "ready", progress: 100, file_key: fileKey, size, ready_at: readyAt, expires_at: expiresAt, error: null });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db("data_exports")
      .where({ id })
      .update({ status: "failed", error: error.slice(0, 255) });
  }

  /** Ready exports past their expiry whose archive is still stored. */
  async expiredWithFiles(now: number, limit = 100): Promise<DataExport[]> {
    return (await this.db<Row>("data_exports").where("status", "ready").where("expires_at", "<=", now).whereNotNull("file_key").limit(limit)).map(toExport);
  }

  async forgetFile(id: string): Promise<void> {
    await this.db("data_exports").where({ id }).update({ file_key: null });
  }
}
