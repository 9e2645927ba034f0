import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { billingProgress } from "../../src/cli/billing-progress.js";
import type { BillingSummary } from "../../src/modules/services/run-billing.js";

const summary: BillingSummary = {
  skipped: null,
  renewed: 1200,
  invoiced: 3,
  awaitingPayment: 1,
  invoicesPaid: 2,
  cancelled: 1,
  suspended: 4,
  deleted: 5,
  charged: [{ currency: "USD", amount: 2_160_000 }],
  batches: 7,
  durationMs: 2500,
};

function capture(tty: boolean) {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk) => (text += chunk));
  return { progress: billingProgress(out as unknown as NodeJS.WritableStream, { tty, everyMs: 60_000 }), text: () => text };
}

describe("the billing run's progress on a terminal", () => {
  it("rewrites one line per phase on a TTY, then prints the summary", () => {
    const { progress, text } = capture(true);
    for (const done of [0, 500, 1000, 1200]) progress.update({ phase: "renew", done, total: 1200 });
    progress.update({ phase: "suspend", done: 0, total: 4 });
    progress.finish(summary);
    const lines = text().split("\n");
    expect(
      lines[0]
        .split("\r")
        .filter(Boolean)
        .map((l) => l.replace("\x1b[2K", "").replace(/, [\d,]+\/s\)/, ")")),
    ).toEqual([
      "billing-run: renewals 0/1,200 services (0%)",
      "billing-run: renewals 500/1,200 services (41%)",
      "billing-run: renewals 1,000/1,200 services (83%)",
      "billing-run: renewals 1,200/1,200 services (100%)",
    ]);
    expect(lines[1]).toContain("suspensions 0/4");
    expect(text()).toContain("renewed from balance   1,200 (charged 21600.00 USD)");
    expect(text()).toContain("3 issued, 2 paid from balance, 1 still unpaid");
  });

  it("prints whole lines elsewhere: each phase's start and end, and at most one per interval between", () => {
    const { progress, text } = capture(false);
    for (const done of [0, 500, 1000, 1200]) progress.update({ phase: "renew", done, total: 1200 });
    progress.update({ phase: "delete", done: 0, total: 0 });
    progress.update({ phase: "delete", done: 0, total: 0 });
    expect(text()).not.toContain("\r");
    expect(
      text()
        .trim()
        .split("\n")
        .map((l) => l.replace(/, [\d,]+\/s\)/, ")")),
    ).toEqual([
      "billing-run: renewals 0/1,200 services (0%)",
      "billing-run: renewals 1,200/1,200 services (100%)",
      "billing-run: deletions 0/0 services (100%)",
    ]);
  });

  it("says so when another run held the lease", () => {
    const { progress, text } = capture(false);
    progress.finish({ ...summary, skipped: "another run holds the lease" });
    expect(text()).toBe("billing-run: nothing done: another run holds the lease\n");
  });
});
