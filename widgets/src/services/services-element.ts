import { state } from "lit/decorators.js";
import type { Locale } from "../i18n/index.js";
import { servicesStrings, type ServicesT } from "../i18n/services.js";
import type { Money, ServiceAction, ServiceStatus } from "../runtime/api-types.js";
import { CabinetElement } from "../runtime/cabinet-element.js";
import { formatDate, formatMoney } from "../runtime/format.js";
import type { SessionState } from "../runtime/session-store.js";
import { servicesHub, type ServicesHub } from "./services-hub.js";

export { describeReason, describeServiceError, fillTemplate, invalidParameter } from "./describe.js";

/** The permission an order, a change or a cancellation needs; reading needs none. */
export const WRITE_PERMISSION = "services";

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
