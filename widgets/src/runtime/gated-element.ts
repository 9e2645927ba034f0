import { html, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import type { Locale, Messages } from "../i18n/index.js";
import { CabinetApiError } from "./api-client.js";
import type { Money } from "./api-types.js";
import type { RightAction, Section } from "./rights.js";
import { CabinetElement } from "./cabinet-element.js";
import { formatDate, formatMoney } from "./format.js";
import { Resource, type ResourceFetch } from "./resource.js";
import { may } from "./rights.js";
import type { SessionState } from "./session-store.js";

/** Why a widget shows its data or not. */
export type Access = "restoring" | "signed-out" | "forbidden" | "password-change" | "granted";

/**
 * A widget of the signed-in client's data (billing, services, support, notifications), on top
 * of {@link CabinetElement}: the states before any data (restoring the session, signed out, no
 * permission — said plainly, not as an error), strings of its own family, loading for a new
 * session and forgetting on sign-out. `T` is the family's strings (common ones included).
 */
export abstract class GatedElement<T extends Messages> extends CabinetElement {
  /** The permission the widget's API calls need; any one of a list will do; `null`: any signed-in user. */
  protected readonly permission: Section | Section[] | null = null;

  /**
   * False for a widget that shows visitors something too (`<cab-order>`'s catalog): signed out,
   * it renders its content, which says itself what needs signing in; `clear` runs on sign-out
   * as for any other widget.
   */
  protected readonly signInRequired: boolean = true;

  /** Usable by a user who must first replace a handed-over password (`<cab-settings>`, where they do). */
  protected readonly openBeforePasswordChange: boolean = false;

  /** The server said 403 CAB_ERR_FORBIDDEN (the permission was taken away during the session). */
  @state() protected refused = false;

  private strings: { locale: Locale; t: T } | null = null;
  private readonly resources: Pick<Resource<unknown>, "clear">[] = [];
  private stopNews: (() => void) | null = null;

  /** The family's strings in `locale`. */
  protected abstract stringsFor(locale: Locale): T;

  /** Loads the widget's data: for a new session (`session`) or because something changed (`change`). */
  protected abstract reload(reason: "session" | "change"): void;

  /** Forgets the widget's data: signed out, or no access. */
  protected abstract clear(): void;

  /** The widget's content once access is granted. */
  protected abstract renderContent(t: T): TemplateResult;

  /** The names of the widget for its `aria-label`, and its signed-out and no-access messages. */
  protected abstract labels(t: T): { title: string; signedOut: string; forbidden: string };

  /**
   * Something the widget loads through the session ({@link Resource}): a 403 turns the widget
   * into its "no access" message; it is forgotten on sign-out and when the session or the
   * account changes, before `reload` loads it again. `loaded` sees each value before the render
   * that shows it (see {@link Resource}).
   */
  protected resource<R>(fetch: ResourceFetch<R>, loaded?: (value: R) => void): Resource<R> {
    const resource = new Resource<R>(
      this,
      (signal) => this.cabinet.session.call((api, c) => fetch(api, c, signal)),
      (cause) => this.noteFailure(cause),
      loaded,
    );
    this.resources.push(resource);
    return resource;
  }

  /** Forgets the widget's data: its resources and what `clear` forgets. */
  private forget(): void {
    for (const resource of this.resources) resource.clear();
    this.clear();
  }

  /** The widget's strings in its language. */
  protected get t(): T {
    const locale = this.cabinet.settings.locale;
    if (this.strings?.locale !== locale) this.strings = { locale, t: this.stringsFor(locale) };
    return this.strings.t;
  }

  protected get access(): Access {
    // Taken off the page (a widget nested in another that just signed out): no session to read.
    if (!this.cabinet.context) return "restoring";
    const session = this.cabinet.session.state;
    if (session.status === "restoring") return "restoring";
    if (session.status === "signed-out") return this.signInRequired ? "signed-out" : "granted";
    if (this.refused) return "forbidden";
    // A handed-over password: nothing loads until the user chose their own (in the settings).
    if (session.me.user.mustChangePassword && !this.openBeforePasswordChange) return "password-change";
    if (this.permission === null) return "granted";
    return [this.permission].flat().some((p) => this.can(p)) ? "granted" : "forbidden";
  }

  /**
   * Whether the signed-in user may `action` in `section` (their roles' rights from `/me`): what
   * a widget asks before it shows a button. The server refuses (403) regardless.
   */
  protected can(section: Section, action: RightAction = "view"): boolean {
    return may(this.cabinet.session.me, section, action);
  }

  /** Said in place of an action the user's role does not allow (part `not-allowed`), so it is not just missing. */
  protected renderNotAllowed(): TemplateResult {
    return html`<p class="hint" part="not-allowed">${this.t.common.notAllowed}</p>`;
  }

  /**
   * Subscribes to the news of the widget's session (its family's hub) and answers how to stop;
   * called whenever the widget (re)connects or its context changes. None by default.
   */
  protected listenToNews(): (() => void) | null {
    return null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopNews?.();
    this.stopNews = null;
  }

  protected override sessionChanged(state: SessionState, previous: SessionState | null): void {
    if (previous === null) {
      // (Re)connected, or another context: listen to this session's news.
      this.stopNews?.();
      this.stopNews = this.listenToNews();
    }
    if (state.status === "signed-in") {
      // Another account (the account switcher) is another session's data, even for the same person.
      const sameUser =
        previous?.status === "signed-in" && previous.me.user.id === state.me.user.id && previous.me.account.id === state.me.account.id && !state.reopened;
      if (sameUser) {
        // The user's language changed (the settings): the provider's names (products, parameters,
        // departments) come in the stored language, so what holds them is read again.
        if (previous.me.user.locale !== state.me.user.locale && this.access === "granted") this.reload("change");
        return;
      }
      this.refused = false;
      if (this.access !== "granted") return this.forget();
      // Another account's (or person's) data never stays on screen while this one's loads.
      if (previous !== null && !state.reopened) for (const resource of this.resources) resource.clear();
      this.sessionStarted();
    } else {
      this.refused = false;
      this.forget();
    }
  }

  /** A session with access began (signed in, restored, or the widget reconnected). */
  protected sessionStarted(): void {
    this.reload("session");
  }

  /** Every failed call passes here: a 403 turns the widget into its "no access" message. */
  protected noteFailure(cause: unknown): void {
    if (cause instanceof CabinetApiError && cause.code === "CAB_ERR_FORBIDDEN") {
      this.refused = true;
      this.forget();
    }
  }

  /** A widget's event: bubbles and is composed, so the page hears it from any shadow root. */
  protected emit<D>(type: string, detail: D, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent<D>(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  /** Hands a fetched file (bearer mode, where a plain link would lack the token) to the browser to save. */
  protected saveFile(blob: Blob, filename: string): void {
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement("a"), { href: url, download: filename, hidden: true });
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    // The browser has taken the file; free the memory once it has had a moment.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }

  protected money(money: Money): string {
    return formatMoney(money, this.cabinet.settings.locale);
  }

  protected date(iso: string): string {
    return formatDate(iso, this.cabinet.settings.locale);
  }

  protected override render(): TemplateResult {
    // Nothing until the session is known (one request, which every widget of the page shares):
    // a "Loading…" here was laid out and painted only to be replaced by the widget's own first
    // screen a moment later, on every widget of the page. The page keeps the widgets' room
    // (docs/embedding.md); the widget's content says itself what it is still loading.
    if (this.access === "restoring") return html``;
    const t = this.t;
    const lang = this.cabinet.settings.locale;
    const labels = this.labels(t);
    switch (this.access) {
      case "signed-out":
        return html`<p class="notice" part="signed-out" lang=${lang}>${labels.signedOut}</p>`;
      case "forbidden":
        return html`<p class="notice" part="forbidden" role="status" lang=${lang}>${labels.forbidden}</p>`;
      case "password-change":
        return html`<p class="notice" part="password-change" role="status" lang=${lang}>${t.errors.CAB_ERR_PASSWORD_CHANGE_REQUIRED}</p>`;
      default:
        return html`<section class="wrap" aria-label=${labels.title} lang=${lang}>${this.renderContent(t)}</section>`;
    }
  }
}
