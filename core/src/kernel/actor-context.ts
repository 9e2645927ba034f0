import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who is doing what the current call does, for the audit log: a client's user, a staff member
 * (on the staff API, or inside a client's area through "sign in as client"), the system (the
 * billing run, a webhook) or a session opened by a provider's hand-off.
 */
export interface Actor {
  kind: "user" | "staff" | "system" | "handoff";
  /** `usr_…` or `stf_…`; null for the system. */
  id: string | null;
  name: string;
  /** The staff member behind a client session opened "as the client"; null otherwise. */
  staffId: string | null;
  ip: string | null;
  userAgent: string | null;
  /**
   * The only services the actor may see and act on (a user limited to some services), or
   * null for all: repositories that own services add it to the WHERE of every query.
   */
  serviceScope?: string[] | null;
}

export const systemActor: Actor = { kind: "system", id: null, name: "system", staffId: null, ip: null, userAgent: null, serviceScope: null };

/**
 * The actor of the current async call chain. The API router runs each handler inside `run`, so
 * everything it calls — use cases, event subscribers within its transaction, `afterCommit`
 * work — sees the same actor without passing it along; outside a request it is the system.
 * One per core (registered in its container), never module-level state.
 */
export class ActorContext {
  private readonly storage = new AsyncLocalStorage<Actor>();

  run<T>(actor: Actor, work: () => T): T {
    return this.storage.run(actor, work);
  }

  current(): Actor {
    return this.storage.getStore() ?? systemActor;
  }

  /**
   * Adds services to the current actor's scope for the rest of its call chain: a limited user's
   * order makes them manage what they ordered, and what follows in the same request (the
   * order's invoice, its document, issued by subscribers) must see it too. No-op for an actor
   * with every service.
   */
  widenScope(serviceIds: string[]): void {
    const actor = this.storage.getStore();
    if (actor?.serviceScope) actor.serviceScope = [...new Set([...actor.serviceScope, ...serviceIds])];
  }
}
