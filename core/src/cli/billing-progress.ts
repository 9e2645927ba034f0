import { formatMinorUnits } from "../modules/ledger/index.js";
import type { BillingPhase, BillingProgress, BillingSummary } from "../modules/services/index.js";

const phaseNames: Record<BillingPhase, string> = { renew: "renewals", cancel: "cancellations at period end", suspend: "suspensions", delete: "deletions" };
const count = (n: number) => n.toLocaleString("en-US");

/**
 * The billing run's progress on a terminal: one line rewritten in place on a TTY, else (a log
 * file, cron's mail) a line per phase start and end and at most one every `everyMs` between.
 */
export function billingProgress(out: NodeJS.WriteStream | NodeJS.WritableStream, options: { tty?: boolean; everyMs?: number } = {}) {
  const tty = options.tty ?? Boolean((out as NodeJS.WriteStream).isTTY);
  const everyMs = options.everyMs ?? 5_000;
  let phase: BillingPhase | null = null;
  let phaseStarted = 0;
  let lastLine = 0;
  let open = false;
  const line = (p: BillingProgress) => {
    const seconds = (performance.now() - phaseStarted) / 1000;
    const rate = seconds > 0 ? Math.round(p.done / seconds) : 0;
    const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
    return `billing-run: ${phaseNames[p.phase]} ${count(p.done)}/${count(p.total)} services (${percent}%, ${count(rate)}/s)`;
  };
  const endLine = () => {
    if (tty && open) out.write("\n");
    open = false;
  };
  return {
    update(p: BillingProgress) {
      const now = performance.now();
      const starting = p.phase !== phase;
      if (starting) {
        endLine();
        phase = p.phase;
        phaseStarted = now;
      }
      if (tty) {
        out.write(`\r\x1b[2K${line(p)}`);
        open = true;
      } else if (starting || (p.done >= p.total && p.done > 0) || now - lastLine >= everyMs) {
        out.write(`${line(p)}\n`);
        lastLine = now;
      }
    },
    finish(summary: BillingSummary) {
      endLine();
      out.write(`${describeSummary(summary)}\n`);
    },
  };
}

/** The run's outcome in a few lines. */
export function describeSummary(s: BillingSummary): string {
  if (s.skipped) return `billing-run: nothing done: ${s.skipped}`;
  const charged = s.charged.length ? s.charged.map((c) => `${formatMinorUnits(c.amount, c.currency)} ${c.currency}`).join(", ") : "nothing";
  return [
    `billing-run: done in ${(s.durationMs / 1000).toFixed(1)} s (${s.batches} batches)`,
    `  renewed from balance   ${count(s.renewed)} (charged ${charged})`,
    `  renewal invoices       ${count(s.invoiced)} issued, ${count(s.invoicesPaid)} paid from balance, ${count(s.awaitingPayment)} still unpaid`,
    `  cancelled at period end ${count(s.cancelled)}`,
    `  suspended              ${count(s.suspended)}`,
    `  deleted                ${count(s.deleted)}`,
  ].join("\n");
}
