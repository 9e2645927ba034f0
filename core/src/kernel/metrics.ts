import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The core's Prometheus metrics (`GET /metrics`), one registry per core so several cores in one
 * process (tests, a multi-tenant host) never mix their figures. Modules add gauges read at
 * scrape time (`gauge`); the HTTP layer counts requests; the billing run reports progress.
 *
 * @example
 * container.resolve<Metrics>(TOKENS.Metrics).gauge("cabinet_outbox_pending", "Deliveries waiting", [], async (set) => set({}, await countPending()));
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<"method" | "route" | "status">;
  readonly httpDuration: Histogram<"method" | "route" | "status">;
  readonly billing: {
    running: Gauge;
    done: Gauge<"phase">;
    total: Gauge<"phase">;
    lastFinished: Gauge;
    lastDuration: Gauge;
    runs: Counter<"outcome">;
  };

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "cabinet_" });
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: "cabinet_http_requests_total",
      help: "HTTP requests answered, by route pattern and status",
      labelNames: ["method", "route", "status"],
      registers,
    });
    this.httpDuration = new Histogram({
      name: "cabinet_http_request_duration_seconds",
      help: "Time to answer an HTTP request (to the last byte of a JSON answer, to the first of a stream)",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.billing = {
      running: new Gauge({ name: "cabinet_billing_run_running", help: "1 while a billing run is going in this process", registers }),
      done: new Gauge({
        name: "cabinet_billing_run_done",
        help: "Services handled so far by the current (or last) billing run, by phase",
        labelNames: ["phase"],
        registers,
      }),
      total: new Gauge({
        name: "cabinet_billing_run_due",
        help: "Services due when the phase of the current (or last) billing run began",
        labelNames: ["phase"],
        registers,
      }),
      lastFinished: new Gauge({
        name: "cabinet_billing_run_last_finished_seconds",
        help: "When the last billing run of this process finished (Unix time)",
        registers,
      }),
      lastDuration: new Gauge({ name: "cabinet_billing_run_last_duration_seconds", help: "How long the last billing run of this process took", registers }),
      runs: new Counter({
        name: "cabinet_billing_runs_total",
        help: "Billing runs in this process, by outcome (done, skipped, failed)",
        labelNames: ["outcome"],
        registers,
      }),
    };
  }

  /** A gauge whose values `collect` sets when Prometheus scrapes; a failing collect leaves it empty and logs nothing here. */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    collect: (set: (labels: Partial<Record<L, string>>, value: number) => void) => Promise<void>,
  ): Gauge<L> {
    const gauge: Gauge<L> = new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        gauge.reset();
        // A figure that cannot be read now (the database is away) is left out, not the whole scrape.
        await collect((labels, value) => gauge.set(labels as never, value)).catch(() => undefined);
      },
    });
    return gauge;
  }
}
