import { state } from "lit/decorators.js";
import type { Locale } from "../i18n/index.js";
import { servicesStrings, type ServicesT } from "../i18n/services.js";
import type { Permission, ServiceAction, ServiceStatus } from "../runtime/api-types.js";
import { GatedElement } from "../runtime/gated-element.js";
import { servicesHub, type ServicesHub } from "./services-hub.js";

export { describeReason, describeServiceError, invalidParameter } from "./describe.js";

/** An action as the server allows it (`action`), and as a user who may (`mayWrite`) or may not change services may take it. */
export function allowedAction(mayWrite: boolean, action: ServiceAction | undefined): ServiceAction {
  if (!mayWrite) return { allowed: false, reason: "permission:services" };
  return action ?? { allowed: false, reason: null };
}

/** A service's status in words. */
export function statusName(t: ServicesT, status: ServiceStatus): string {
  const statuses: Partial<Record<string, string>> = t.services.status;
  return statuses[status] ?? status;
}

/** The permission an order, a change or a cancellation needs; reading needs none. */
export const WRITE_PERMISSION: Permission = "services";

/**
 * What the services widgets share, on top of {@link GatedElement} (the states before any data;
 * the `services` section's `view` right to read services): their strings, whether the signed-in user may change
 * services (the `services` permission), the words for a disabled action's reason, and the news
 * of services changed by another widget of the session. Not a widget.
 */
export abstract class ServicesElement extends GatedElement<ServicesT> {
  protected override readonly permission: Permission | null = WRITE_PERMISSION;
  /** What the widget is doing now (`order`, `renew`…): one write at a time. */
  @state() protected busy: string | null = null;
  protected hub: ServicesHub | null = null;

  protected override stringsFor(locale: Locale): ServicesT {
    return servicesStrings(locale);
  }

  /** Services changed elsewhere on the page (an order, a renewal): load again, quietly. */
  protected servicesChanged(_serviceIds: string[]): void {}

  protected override listenToNews(): (() => void) | null {
    this.hub = this.cabinet.context ? servicesHub(this.cabinet.context) : null;
    return this.hub?.subscribe((ids) => this.servicesChanged(ids)) ?? null;
  }

  protected get uiLocale(): Locale {
    return this.cabinet.settings.locale;
  }

  protected get signedIn(): boolean {
    return this.cabinet.session.state.status === "signed-in";
  }

  /** The user may change services at all (their roles' rights; the owner holds all); each action is the server's to allow. */
  protected get mayWrite(): boolean {
    return this.can(WRITE_PERMISSION, "change") || this.can(WRITE_PERMISSION, "order") || this.can(WRITE_PERMISSION, "delete");
  }

  /** An action as the server allows it, and as this user may take it. */
  protected allowed(action: ServiceAction | undefined): ServiceAction {
    return allowedAction(this.mayWrite, action);
  }

  protected statusLabel(status: ServiceStatus): string {
    return statusName(this.t, status);
  }
}
