import { Type, type Static } from "@sinclair/typebox";

const Limit = (points: number, durationSeconds: number) =>
  Type.Object(
    {
      points: Type.Integer({ minimum: 1, default: points }),
      durationSeconds: Type.Integer({ minimum: 1, default: durationSeconds }),
    },
    { additionalProperties: false, default: {} },
  );

/**
 * The configuration of a Cabinet core. Every field has a default that suits the demo;
 * `docs/config.md` lists them with the environment variables that override them.
 */
export const ConfigSchema = Type.Object(
  {
    env: Type.Union([Type.Literal("development"), Type.Literal("test"), Type.Literal("production")], {
      default: "development",
    }),
    http: Type.Object(
      {
        host: Type.String({ default: "0.0.0.0" }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
        /** Honour X-Forwarded-For / -Proto from a reverse proxy in front of the core. */
        trustProxy: Type.Boolean({ default: false }),
        bodyLimitBytes: Type.Integer({ minimum: 1024, maximum: 50_000_000, default: 1_000_000 }),
        /**
         * Where clients reach this core (links in e-mails, gateways' pages, webhooks): the one
         * source of the core's own absolute URLs, never the request's Host. With a path when the
         * core is mounted under one (`https://example.com/billing`). `http://localhost:<port>` when unset.
         */
        publicUrl: Type.Optional(Type.String({ pattern: "^https?://[^/?#]+(/[^?#]*[^/?#])?$", maxLength: 200 })),
        /**
         * On SIGTERM (`cabinet serve`), the longest the node takes to stop: requests in flight get
         * half of it, then running jobs and plugins the rest; past it, the process exits anyway.
         */
        shutdownTimeoutMs: Type.Integer({ minimum: 100, maximum: 600_000, default: 20_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    database: Type.Object(
      {
        /** `sqlite:./data/cabinet.sqlite`, `sqlite::memory:` or `mysql://user:pass@host:3306/db`. */
        url: Type.String({ pattern: "^(sqlite:|mysql://)", default: "sqlite:./data/cabinet.sqlite" }),
        poolMax: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** The brand (slug) used when a request names none and its origin matches none. */
    defaultBrand: Type.String({ minLength: 1, maxLength: 64, default: "demo" }),
    /** Brands (white-label profiles), managed with `cabinet brand …` and the staff API. */
    brands: Type.Object(
      {
        /** How often each process asks whether any brand changed (one cheap query); a change made elsewhere is in effect within this. */
        cacheCheckMs: Type.Integer({ minimum: 0, maximum: 600_000, default: 1000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Sign-in hand-off from the provider's backend (`POST /api/v1/handoff`). */
    handoff: Type.Object(
      {
        /** How long a one-time code may wait to be exchanged (at most 60 s). */
        codeTtlSeconds: Type.Integer({ minimum: 5, maximum: 60, default: 60 }),
      },
      { additionalProperties: false, default: {} },
    ),
    auth: Type.Object(
      {
        cookieName: Type.String({ pattern: "^[A-Za-z0-9_-]+$", default: "cabinet_session" }),
        /** `auto`: Secure everywhere but in development and test. */
        cookieSecure: Type.Union([Type.Literal("auto"), Type.Boolean()], { default: "auto" }),
        sessionTtlHours: Type.Integer({ minimum: 1, maximum: 24 * 365, default: 24 * 14 }),
        passwordMinLength: Type.Integer({ minimum: 8, maximum: 128, default: 10 }),
        signInLimitPerIp: Limit(30, 600),
        signInLimitPerAccount: Limit(5, 900),
        // Sign-ups per IP: an account farm or an e-mail prober meets 429 soon.
        signUpLimitPerIp: Limit(10, 3600),
        /** Second-factor codes (TOTP or recovery) tried per user. */
        secondFactorLimitPerUser: Limit(5, 900),
        /** Password resets asked for (and tokens tried) per e-mail. */
        resetLimitPerEmail: Limit(3, 3600),
        /** Passkey assertions tried per sign-in challenge. */
        passkeyLimitPerChallenge: Limit(5, 300),
        argon2: Type.Object(
          {
            memoryCostKiB: Type.Integer({ minimum: 1024, default: 19_456 }),
            timeCost: Type.Integer({ minimum: 1, default: 2 }),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Shared state for several core processes (rate limits now; jobs and live events later). */
    redis: Type.Object(
      {
        url: Type.Optional(Type.String({ pattern: "^rediss?://" })),
        /** Prefixes the core's Redis keys and pub/sub channels, so several installations can share one Redis. */
        keyPrefix: Type.String({ pattern: "^[A-Za-z0-9:_.-]{0,64}$", default: "cabinet:" }),
      },
      { additionalProperties: false, default: {} },
    ),
    notifications: Type.Object(
      {
        /** The outbox worker that sends notifications to external channels (e-mail, Telegram…). */
        delivery: Type.Object(
          {
            /** False: this process runs no outbox worker (another process delivers). */
            enabled: Type.Boolean({ default: true }),
            /** Wait between two looks at the outbox when it was empty. */
            pollIntervalMs: Type.Integer({ minimum: 10, maximum: 600_000, default: 1000 }),
            /** Deliveries claimed at once. */
            batchSize: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
            /** How long a claim holds: a worker that crashed mid-send frees its deliveries after this. Longer than `sendTimeoutMs`. */
            leaseMs: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 120_000 }),
            /** The longest one channel call may take before it counts as a retryable failure. */
            sendTimeoutMs: Type.Integer({ minimum: 100, maximum: 600_000, default: 30_000 }),
            /** Attempts in all before a delivery is given up (`failed`). */
            maxAttempts: Type.Integer({ minimum: 1, maximum: 50, default: 8 }),
            /** Wait before the first retry; each further retry waits twice as long, up to `backoffMaxMs`. */
            backoffMs: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 10_000 }),
            backoffMaxMs: Type.Integer({ minimum: 0, maximum: 86_400_000, default: 3_600_000 }),
          },
          { additionalProperties: false, default: {} },
        ),
        /** Live delivery to open widgets over Server-Sent Events. */
        stream: Type.Object(
          {
            /** How often each process looks for new notifications of its open streams (Redis pub/sub makes it immediate). */
            pollIntervalMs: Type.Integer({ minimum: 50, maximum: 60_000, default: 2000 }),
            /** How far back each look reaches, so a row committed late by another process is still seen. */
            lookbackMs: Type.Integer({ minimum: 1000, maximum: 600_000, default: 30_000 }),
            /** A comment line keeps proxies from closing an idle stream. */
            heartbeatMs: Type.Integer({ minimum: 100, maximum: 300_000, default: 15_000 }),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Background jobs (rendering documents…). */
    jobs: Type.Object(
      {
        /** The `job-queue` to use, by id: the core's in-process `default`, or one a plugin provides. */
        queue: Type.String({ minLength: 1, maxLength: 64, default: "default" }),
        /** Runs of a failing job in all before it is given up. */
        attempts: Type.Integer({ minimum: 1, maximum: 20, default: 3 }),
        /** Wait before the first retry; each further retry waits twice as long. */
        backoffMs: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 2000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** The billing run: renewals, suspensions and deletions of services that are due (`cabinet billing-run`, and every `intervalMinutes` inside `serve`). */
    billing: Type.Object(
      {
        /** How long before its paid-until an auto-renewing service is renewed. */
        renewalLeadDays: Type.Integer({ minimum: 0, maximum: 60, default: 3 }),
        /** How long past its paid-until an unpaid service runs before it is suspended. */
        suspendAfterDays: Type.Integer({ minimum: 0, maximum: 365, default: 3 }),
        /** How long past its paid-until an unpaid service is kept (suspended) before it is deleted. */
        deleteAfterDays: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }),
        /** Minutes between two runs inside `cabinet serve`; 0 runs none there (run `cabinet billing-run` from cron instead). */
        intervalMinutes: Type.Integer({ minimum: 0, maximum: 1440, default: 5 }),
        /** Services claimed and settled in one transaction. */
        batchSize: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Stored files (document PDFs, attachments). */
    files: Type.Object(
      {
        /** The `file-store` to use, by id: the core's `local-disk`, or one a plugin provides. */
        store: Type.String({ minLength: 1, maxLength: 64, default: "local-disk" }),
        /** Where `local-disk` keeps files. */
        dir: Type.String({ minLength: 1, maxLength: 4096, default: "./data/files" }),
      },
      { additionalProperties: false, default: {} },
    ),
    documents: Type.Object(
      {
        /** A directory of brand templates, `<dir>/<brand-slug>/<locale>/<kind>.hbs`, overriding the shipped ones. */
        templatesDir: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
        /** The `document-renderer` to print PDFs with, by id; unset: the only (or first) one enabled. */
        renderer: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        /** The longest one document may take to print. */
        renderTimeoutMs: Type.Integer({ minimum: 1000, maximum: 600_000, default: 30_000 }),
        /** Documents printed at once by this process. */
        renderConcurrency: Type.Integer({ minimum: 1, maximum: 32, default: 2 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Services and their provisioning. */
    services: Type.Object(
      {
        /** The longest one provisioner call may take before it counts as a (retryable) failure. */
        provisionTimeoutMs: Type.Integer({ minimum: 100, maximum: 600_000, default: 30_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /**
     * Recovery sweeps (`cabinet serve`, at start and every `intervalMs`, on the job queue): work
     * that a dead process left halfway — a provisioning job lost with an in-memory queue, an
     * `invoice.paid` handler that never ran, a payment whose webhook never came — is finished.
     */
    recovery: Type.Object(
      {
        /** Between two sweeps; 0 runs none (not even at start). */
        intervalMs: Type.Integer({ minimum: 0, maximum: 86_400_000, default: 60_000 }),
        /**
         * An awaited provisioner action asked for longer ago than this is asked again (under the
         * same idempotency key), and staff may retry a service stuck in `provisioning` that long.
         * Longer than a job's attempts with their back-off and `services.provisionTimeoutMs`.
         */
        provisioningAfterMs: Type.Integer({ minimum: 1000, maximum: 7 * 86_400_000, default: 15 * 60_000 }),
        /** A payment pending (and not looked at) longer than this is asked of its gateway. */
        paymentsAfterMs: Type.Integer({ minimum: 1000, maximum: 7 * 86_400_000, default: 30 * 60_000 }),
        /** A payment still pending this long after it began is cancelled at its gateway and failed as `expired`. */
        paymentsExpireAfterMs: Type.Integer({ minimum: 60_000, maximum: 365 * 86_400_000, default: 7 * 86_400_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** `GET /metrics` (Prometheus text). */
    metrics: Type.Object(
      {
        /** The bearer token a scraper sends (`Authorization: Bearer …`); unset, `/metrics` is off (404). */
        token: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Support tickets. */
    support: Type.Object(
      {
        /** How long after a ticket is closed its client may still reopen it (or reply, which reopens it). */
        reopenPeriodDays: Type.Integer({ minimum: 0, maximum: 365, default: 14 }),
        /** Attachment limits for brands that set none of their own (`support_settings`). */
        attachmentMaxBytes: Type.Integer({ minimum: 1024, maximum: 100_000_000, default: 10_000_000 }),
        attachmentsPerMessage: Type.Integer({ minimum: 0, maximum: 20, default: 5 }),
        /** Tickets one user may open in the window (flood protection; shared through Redis when configured). */
        openLimitPerUser: Limit(10, 3600),
        /** Messages one user or staff member may post in the window. */
        messageLimitPerUser: Limit(30, 300),
      },
      { additionalProperties: false, default: {} },
    ),
    log: Type.Object(
      {
        level: Type.Union(
          ["fatal", "error", "warn", "info", "debug", "trace", "silent"].map((l) => Type.Literal(l)),
          { default: "info" },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    plugins: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1 }),
          /** A module to import the plugin from (a package name or a path); optional when the host passes it in. */
          module: Type.Optional(Type.String({ minLength: 1 })),
          options: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
        },
        { additionalProperties: false },
      ),
      { default: [] },
    ),
  },
  { additionalProperties: false },
);

export type CabinetConfig = Static<typeof ConfigSchema>;

/** What a caller may pass: any part of the config, the rest comes from defaults. */
export type CabinetConfigInput = DeepPartial<CabinetConfig>;
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
