import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { newId } from "../../kernel/ids.js";
import { fromJson, toJson } from "../../db/json.js";
import type { LocalizedText } from "../../kernel/localized-text.js";

export interface Department {
  id: string;
  brandId: string;
  code: string;
  /** In the brand's default locale. */
  name: string;
  /** In the brand's other locales. */
  names: LocalizedText;
}

interface DepartmentRow {
  id: string;
  brand_id: string;
  code: string;
  name: string;
  names: string | null;
  position: number;
}

const toDepartment = (r: DepartmentRow): Department => ({
  id: r.id,
  brandId: r.brand_id,
  code: r.code,
  name: r.name,
  names: fromJson<LocalizedText>(r.names, {}),
});

/** The tables `support_departments` and `support_settings` (a brand's own attachment limits). */
@injectable()
export class DepartmentRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async list(brandId: string): Promise<Department[]> {
    const rows = await this.db<DepartmentRow>("support_departments").where("brand_id", brandId).orderBy(["position", "id"]);
    return rows.map(toDepartment);
  }

  async find(brandId: string, id: string, trx: Database = this.db): Promise<Department | undefined> {
    const row = await trx<DepartmentRow>("support_departments").where({ brand_id: brandId, id }).first();
    return row ? toDepartment(row) : undefined;
  }

  /**
   * Adds the departments of `brandId` that are missing by code; leaves existing ones as they are,
   * but for their names in other locales where they have none yet (a demo seeded before them).
   */
  async ensure(brandId: string, departments: { code: string; name: string; names?: LocalizedText }[], now: number): Promise<Department[]> {
    const existing = new Map((await this.list(brandId)).map((d) => [d.code, d]));
    const missing = departments.map((d, position) => ({ ...d, position })).filter((d) => !existing.has(d.code));
    if (missing.length) {
      await this.db("support_departments").insert(
        missing.map((d) => ({
          id: newId("dep", now),
          brand_id: brandId,
          code: d.code,
          name: d.name,
          names: toJson(d.names ?? {}),
          position: d.position,
          created_at: now,
        })),
      );
    }
    for (const d of departments) {
      const found = existing.get(d.code);
      if (found && d.names && Object.keys(found.names).length === 0) await this.setNames(brandId, found.id, { names: d.names });
    }
    return this.list(brandId);
  }

  /** Renames a department of the brand; false when it has no such department. */
  async setNames(brandId: string, id: string, change: { name?: string; names?: LocalizedText }, trx: Database = this.db): Promise<boolean> {
    const columns: Record<string, string> = {};
    if (change.name !== undefined) columns.name = change.name;
    if (change.names !== undefined) columns.names = toJson(change.names);
    if (Object.keys(columns).length === 0) return (await this.find(brandId, id, trx)) !== undefined;
    return (await trx("support_departments").where({ brand_id: brandId, id }).update(columns)) > 0;
  }

  /** A brand's own attachment limits; null where it has none. */
  async attachmentLimits(brandId: string): Promise<{ maxBytes: number | null; perMessage: number | null }> {
    const row = await this.db("support_settings").where("brand_id", brandId).first();
    return { maxBytes: row?.attachment_max_bytes ?? null, perMessage: row?.attachments_per_message ?? null };
  }

  async setAttachmentLimits(brandId: string, limits: { maxBytes: number | null; perMessage: number | null }, now: number): Promise<void> {
    const columns = { attachment_max_bytes: limits.maxBytes, attachments_per_message: limits.perMessage, updated_at: now };
    const updated = await this.db("support_settings").where("brand_id", brandId).update(columns);
    if (updated === 0) await this.db("support_settings").insert({ brand_id: brandId, ...columns });
  }
}
