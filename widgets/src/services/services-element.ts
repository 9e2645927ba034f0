import { state } from "lit/decorators.js";
import { describeError, type Locale } from "../i18n/index.js";
import { servicesStrings, type ServicesT } from "../i18n/services.js";
import { CabinetApiError } from "../runtime/api-client.js";
import type { Money, ServiceAction, ServiceStatus } from "../runtime/api-types.js";
import { CabinetElement } from "../runtime/cabinet-element.js";
import { formatDate, formatMoney } from "../runtime/format.js";
import type { SessionState } from "../runtime/session-store.js";
import { servicesHub, type ServicesHub } from "./services-hub.js";

/** The permission an order, a change or a cancellation needs; reading needs none. */
export const WRITE_PERMISSION = "services";

/** A template such as `/services.html?service={id}` with the id filled in (URL-encoded). */
export function fillTemplate(template: string, id: string): string {
  return template.split("{id}").join(encodeURIComponent(id));
}

/**
 * Why an action is not allowed, in words, from the server's machine reason:
 * `status:pending_payment` → "Not possible while the service is “Awaiting payment”."
 */
export function describeReason(t: ServicesT, reason: string | null): string {
  if (!reason) return t.svc.reason.other;
  const [kind, detail = ""] = reason.split(":", 2);
  if (kind === "status") {
    const statuses: Partial<Record<string, string>> = t.services.status;
    return t.svc.reason.status(statuses[detail] ?? detail);
  }
  if (kind === "permission" || reason === "forbidden") return t.svc.reason.permission;
  if (/retired|hidden/.test(reason)) return t.svc.reason.retired;
  if (/no_parameters|not_configurable/.test(reason)) return t.svc.reason.noParameters;
  if (/cancel/.test(reason)) return t.svc.reason.cancelScheduled;
  if (/pending_change|next_parameters/.test(reason)) return t.svc.reason.pendingChange;
  return t.svc.reason.other;
}

/** The API's failure in the widget's language: the services' own codes first, then the common ones. */
export function describeServiceError(t: ServicesT, error: unknown): string {
  if (error instanceof CabinetApiError && Object.prototype.hasOwnProperty.call(t.svc.errors, error.code)) {
    if (error.code === "CAB_ERR_ILLEGAL_TRANSITION" && typeof error.details.status === "string") {
      return describeReason(t, `status:${error.details.status}`);
    }
    return t.svc.errors[error.code];
  }
  return describeError(t, error);
}

/** The parameter a 422 CAB_ERR_INVALID_PARAMETER names, if any. */
export function invalidParameter(error: unknown): string | null {
  if (!(error instanceof CabinetApiError) || error.code !== "CAB_ERR_INVALID_PARAMETER") return null;
  const parameter = error.details.parameter;
  return typeof parameter === "string" ? parameter : null;
}

/**
 * What the services widgets share, on top of {@link CabinetElement}: their strings, whether
 * the signed-in user may change services (the `services` permission), the words for a
 * disabled action's reason, and their events. Not a widget.
 */
export abstract class ServicesElement extends CabinetElement {
  /** What the widget is doing now (`order`, `renew`…): one write at a time. */
  @state() protected busy: string | null = null;
  protected hub: ServicesHub | null = null;
  private unsubscribeHub: (() => void) | null = null;
  private strings: { locale: Locale; t: ServicesT } | null = null;

  /** Services changed elsewhere on the page (an order, a renewal): load again, quietly. */
  protected servicesChanged(_serviceIds: string[]): void {}

  protected override sessionChanged(_state: SessionState, previous: SessionState | null): void {
    if (previous !== null) return;
    // (Re)connected, or another context: listen to this session's news.
    this.unsubscribeHub?.();
    this.hub = this.cabinet.context ? servicesHub(this.cabinet.context) : null;
    this.unsubscribeHub = this.hub?.subscribe((ids) => this.servicesChanged(ids)) ?? null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeHub?.();
    this.unsubscribeHub = null;
  }

  /** Same user signed in before and after: a session refresh, nothing to reload. */
  protected sameUser(state: SessionState, previous: SessionState | null): boolean {
    return state.status === "signed-in" && previous?.status === "signed-in" && previous.me.user.id === state.me.user.id;
  }

  protected get t(): ServicesT {
    const locale = this.cabinet.settings.locale;
    if (this.strings?.locale !== locale) this.strings = { locale, t: servicesStrings(locale) };
    return this.strings.t;
  }

  protected get uiLocale(): Locale {
    return this.cabinet.settings.locale;
  }

  protected get signedIn(): boolean {
    return this.cabinet.session.state.status === "signed-in";
  }

  /** The user may order, change, renew and cancel (the owner holds every permission). */
  protected get mayWrite(): boolean {
    return this.cabinet.session.me?.user.permissions.includes(WRITE_PERMISSION) ?? false;
  }

  /** An action as the server allows it, and as this user may take it. */
  protected allowed(action: ServiceAction | undefined): ServiceAction {
    if (!this.mayWrite) return { allowed: false, reason: "permission:services" };
    return action ?? { allowed: false, reason: null };
  }

  protected emit<T>(type: string, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  protected money(money: Money): string {
    return formatMoney(money, this.uiLocale);
  }

  protected date(iso: string): string {
    return formatDate(iso, this.uiLocale);
  }

  protected statusLabel(status: ServiceStatus): string {
    const statuses: Partial<Record<string, string>> = this.t.services.status;
    return statuses[status] ?? status;
  }
}
