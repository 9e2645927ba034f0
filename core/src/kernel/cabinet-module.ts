import type { DependencyContainer } from "tsyringe";
import type { AnyRoute } from "../http/route.js";

/**
 * A domain module as the composition root sees it, exported by the module's public face
 * (`modules/<name>/index.ts`). Every module is wired the same way, in this order at boot:
 * `provide` (all modules) → the plugins load → `register` (all modules) → the plugins init →
 * `start`; at shutdown `stop` in reverse order.
 *
 * @example
 * export const ledgerModule = defineModule({
 *   name: "ledger",
 *   routes: ledgerRoutes,
 *   register(container) { container.resolve<EventBus>(TOKENS.EventBus).subscribe(…); },
 * });
 */
export interface CabinetModule {
  name: string;
  /** Its HTTP routes, client and staff alike (under `/api/v1`). */
  routes: AnyRoute[];
  /**
   * Registers the services that others resolve by token (the HTTP layer's authenticators,
   * `TOKENS.Brands`, a limiter built from the config). Runs before the plugins load, so a
   * plugin's `register` may resolve them.
   */
  provide?(container: DependencyContainer): void;
  /** Subscribes to events and registers job workers: runs once the plugins' extensions (the job queue) are known. */
  register?(container: DependencyContainer): void;
  /** Starts the module's background work (a worker), whether the core listens itself or is mounted. */
  start?(container: DependencyContainer): Promise<void>;
  /** Ends long-lived responses (streams) when the node stops taking requests, so in-flight ones can finish. */
  drain?(container: DependencyContainer): Promise<void>;
  /** Stops it, before the database closes. */
  stop?(container: DependencyContainer): Promise<void>;
}

/** Types a module's definition (nothing more: it is the shape that matters). */
export function defineModule(module: CabinetModule): CabinetModule {
  return module;
}
