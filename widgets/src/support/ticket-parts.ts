import type { TemplateResult } from "lit";
import type { SupportT } from "../i18n/support.js";
import { renderBadge } from "../runtime/list-parts.js";
import type { TicketStatus, TicketSummary } from "./support-api.js";

/** The badge's tone of a ticket's status: whose turn it is. */
const statusTone: Record<TicketStatus, string> = { open: "warning", awaiting_staff: "warning", awaiting_client: "danger", closed: "neutral" };

/** A ticket's status badge ("Waiting for your reply"), in words; `part="badge badge-<status>"`. */
export function renderTicketBadge(t: SupportT, ticket: TicketSummary): TemplateResult {
  return renderBadge(statusTone[ticket.status] ?? "neutral", ticket.status, t.support.status[ticket.status] ?? ticket.status);
}
