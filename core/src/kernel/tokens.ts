/**
 * Every DI token of the core, in one place. Tokens are Symbols so two plugins can never
 * collide by accident and nothing is looked up by a (minifiable) class name.
 */
export const TOKENS = {
  Config: Symbol.for("cabinet.Config"),
  Logger: Symbol.for("cabinet.Logger"),
  Database: Symbol.for("cabinet.Database"),
  Clock: Symbol.for("cabinet.Clock"),
  EventBus: Symbol.for("cabinet.EventBus"),
  Extensions: Symbol.for("cabinet.Extensions"),
  PasswordHasher: Symbol.for("cabinet.PasswordHasher"),
  RateLimiters: Symbol.for("cabinet.RateLimiters"),
  /** Read-only brand lookups (`BrandLookup`): how plugins learn a brand's details without its table. */
  Brands: Symbol.for("cabinet.Brands"),
  /** `CurrencyUsage`, one per module owning rows in a currency: asked before a brand drops one. */
  CurrencyUsage: Symbol.for("cabinet.CurrencyUsage"),
  /** The `job-queue` that `jobs.queue` names (the core's `default` unless a plugin provides another). */
  JobQueue: Symbol.for("cabinet.JobQueue"),
  /** The core's Prometheus metrics (`Metrics`): modules add gauges; `GET /metrics` shows them. */
  Metrics: Symbol.for("cabinet.Metrics"),
  /** The `file-store` that `files.store` names (the core's `local-disk` unless a plugin provides another). */
  FileStore: Symbol.for("cabinet.FileStore"),
  /** `ProvisioningReports`: how a provisioner that answered `pending` later reports the outcome. */
  ProvisioningReports: Symbol.for("cabinet.ProvisioningReports"),
  /** `TicketReplies`: how a plugin (a Telegram bot) adds a client's message to a ticket. */
  TicketReplies: Symbol.for("cabinet.TicketReplies"),
  /** `ClientAuthenticator` (http/callers.ts): the accounts module's session lookup, for the API router. */
  ClientAuthenticator: Symbol.for("cabinet.ClientAuthenticator"),
  /** `StaffAuthenticator` (http/callers.ts): the staff module's session lookup, for the API router. */
  StaffAuthenticator: Symbol.for("cabinet.StaffAuthenticator"),
  /** `BrandResolver` (http/callers.ts): the brands module's cached directory, for the API router and CORS. */
  BrandResolver: Symbol.for("cabinet.BrandResolver"),
  /** `UpcomingCharges` (ledger): what an account will soon be charged; the services module answers. */
  UpcomingCharges: Symbol.for("cabinet.UpcomingCharges"),
  /** `MovementPayers` (ledger): the payer a posting's reference names (an invoice's, a service's, a payment's); the documents module answers. */
  MovementPayers: Symbol.for("cabinet.MovementPayers"),
  /** `OpenInvoices` (ledger): what an account's unpaid invoices add up to; the invoices module answers. */
  OpenInvoices: Symbol.for("cabinet.OpenInvoices"),
  /** `ProvisionedServices` (provisioning): the services a provisioning job works on; the services module answers. */
  ProvisionedServices: Symbol.for("cabinet.ProvisionedServices"),
  /** `OwnedServices` (accounts): which services an account owns, for per-service scopes; the services module answers. */
  OwnedServices: Symbol.for("cabinet.OwnedServices"),
  /** `ExternalIdentities` (accounts): how many external identities a user bound, so the last way to sign in stays; the identities module answers. */
  ExternalIdentities: Symbol.for("cabinet.ExternalIdentities"),
  /** `SignUpConsents` (accounts): the legal documents a sign-up must accept, and recording them; the privacy module answers. */
  SignUpConsents: Symbol.for("cabinet.SignUpConsents"),
  /** `ReferencesInScope`s (any number; kernel/service-scope.ts): which invoices, payments… a user limited to some services may see; the modules that own them answer. */
  ReferencesInScope: Symbol.for("cabinet.ReferencesInScope"),
  /** `PayerInvoices` (payers): how many open invoices a payer has; the invoices module answers. */
  PayerInvoices: Symbol.for("cabinet.PayerInvoices"),
  /** The core's `ioredis` client, registered only when `redis.url` is set. */
  Redis: Symbol.for("cabinet.Redis"),
  /** `SessionGuard`s (any number): checks every request with a client session passes (second factor to set up, password to change, outstanding consents). */
  SessionGuards: Symbol.for("cabinet.SessionGuards"),
  /** `PersonalDataSource`s (one per module): what each module holds about a user, for the personal-data export. */
  PersonalDataSources: Symbol.for("cabinet.PersonalDataSources"),
  /** The {@link ActorContext}: who the current call acts for (the audit log reads it). */
  Actors: Symbol.for("cabinet.Actors"),
  /** Per request (child container only): the {@link RequestContext}. */
  RequestContext: Symbol.for("cabinet.RequestContext"),
} as const;
