import { inject, injectable } from "tsyringe";
import { AuditRepository } from "./audit.repository.js";
import { toFilters, type AuditQuery } from "./list-audit-entries.js";

/** At most this many lines in one export: a year of a busy account; narrow the dates for more. */
const MAX_ROWS = 50_000;

/** A CSV cell; text a spreadsheet would run as a formula is defused with a leading quote. */
function cell(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The filtered audit log as CSV, oldest first. */
@injectable()
export class ExportAuditCsv {
  constructor(@inject(AuditRepository) private readonly entries: AuditRepository) {}

  async execute(auth: { accountId: string }, query: AuditQuery): Promise<string> {
    const rows = await this.entries.list(auth.accountId, toFilters(query), { limit: MAX_ROWS });
    const lines = ["at,actor_kind,actor_id,actor_name,staff_id,ip,user_agent,action,target_type,target_id,details"];
    for (const e of rows.reverse()) {
      lines.push(
        [
          new Date(e.at).toISOString(),
          e.actor.kind,
          e.actor.id ?? "",
          cell(e.actor.name),
          e.actor.staffId ?? "",
          cell(e.actor.ip),
          cell(e.actor.userAgent),
          e.action,
          e.target?.type ?? "",
          e.target?.id ?? "",
          cell(JSON.stringify(e.details)),
        ].join(","),
      );
    }
    return lines.join("\r\n") + "\r\n";
  }
}
