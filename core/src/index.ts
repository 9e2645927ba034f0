/**
 * The public entry of the Cabinet core: the only module plugins and host applications
 * import. Everything else under src/ is internal and may change without notice.
 */
import "reflect-metadata";

export { createCabinet, type Cabinet, type CabinetOptions } from "./app/create-cabinet.js";
export { definePlugin, type PluginContext, type PluginDefinition } from "./kernel/plugin.js";
export { PluginError, ExtensionRegistry } from "./kernel/extension-registry.js";
export { EventBus, type CabinetEvents, type EventName, type EventHandler, type TransactionalEventHandler } from "./kernel/event-bus.js";
export { TOKENS } from "./kernel/tokens.js";
export { newId } from "./kernel/ids.js";
export { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, days } from "./kernel/time.js";
export { runInJobContext, type JobContext } from "./kernel/job-context.js";
export { Metrics } from "./kernel/metrics.js";
export type { Clock } from "./kernel/clock.js";
export { CORE_VERSION } from "./kernel/version.js";
export { loadConfig, ConfigError } from "./config/load-config.js";
export type { CabinetConfig, CabinetConfigInput } from "./config/config.schema.js";
export { CabinetError, isCabinetError } from "./errors/cabinet-error.js";
export { definePluginErrors, type PluginErrorCode, type PluginErrorEntry } from "./errors/plugin-errors.js";
export { errorCatalogue, type ErrorCode } from "./errors/error-catalogue.js";
export { defineRoute, type RouteSpec, type RouteInput, type AnyRoute } from "./http/route.js";
export type { UploadedFile, UploadLimits } from "./http/multipart.js";
export { Obj, Id, Type, type Static, type TSchema } from "./http/schema.js";
// The API's shared schema pieces and cursor pages, so a plugin's routes look like the core's.
export { Enum, Instant, Cursor, Limit, Page } from "./http/schema.js";
export { decodeCursor, toPage } from "./http/pagination.js";
export type { Database } from "./db/create-database.js";
export { inTransaction } from "./db/transaction.js";
export { RunBilling, type BillingSummary, type BillingProgress } from "./modules/services/index.js";
export { scheduleBilling } from "./jobs/schedule-billing.js";
export { scheduleRecovery, RunRecoverySweep, type RecoverySummary } from "./jobs/recovery-sweep.js";
export type { Middleware as PageMiddleware } from "koa";
export type { NamedMigration } from "./db/migrate.js";
export type { AuthContext, Permission } from "./modules/accounts/index.js";
export type { Brand, BrandLegalDetails } from "./modules/brands/index.js";
export type { BrandLookup } from "./modules/brands/index.js";
export type { StaffAuthContext, StaffRole } from "./modules/staff/index.js";
export type { ClientCaller, StaffCaller, RequestBrand } from "./http/callers.js";
export * from "./extension-points/index.js";
// DI helpers, so plugins never import tsyringe themselves (one copy of the container code).
export { inject, injectable, singleton, type DependencyContainer } from "tsyringe";
