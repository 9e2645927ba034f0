import { html, nothing, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { describeError } from "../../i18n/index.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import type { Account, Me, User } from "../../runtime/api-types.js";
import { CabinetElement } from "../../runtime/cabinet-element.js";
import type { SessionState } from "../../runtime/session-store.js";
import { styles } from "./cab-login.styles.js";
// The sign-in strings (en.login), in the sign-in widgets' chunks rather than the runtime's.
import "../../i18n/login.en.js";

/** A legal document the brand shows on its sign-up form (`GET /legal-documents`, `showOnSignUp`). */
interface SignUpDocument {
  id: string;
  kind: string;
  title: string;
  /** Plain text: always rendered as text. */
  body: string;
  mustAgree: boolean;
  showOnSignUp: boolean;
}

/** The passkey helpers (and @simplewebauthn/browser) load only when a passkey button is pressed. */
const passkeys = () => import("../../security/passkeys.js");

export interface SignedInDetail {
  user: User;
  account: Account;
  /** True when the session came from an earlier visit (the cookie) rather than this form. */
  restored: boolean;
}

export interface SignedOutDetail {
  /** `user`: the sign-out button (or the API); `expired`: the core no longer knows the session. */
  reason: "user" | "expired";
}

/**
 * Sign-in form (e-mail and password) that turns into "Signed in as …" with a sign-out button.
 * Every widget with the same settings shares the session it opens.
 *
 * It also runs the rest of getting in: the second step when the user has two-step
 * verification on (a code from the app, or a recovery code; or a passkey) — after its password,
 * an external provider or the provider's hand-off (`<cab-config handoff>`) —, "Forgot your
 * password?" (a link by e-mail), choosing the new password when the page is opened from that
 * link (`#cab-reset=…`), opening the e-mail confirmation links (`#cab-verify-email=…`,
 * `#cab-email-change=…`), and — with the `sign-up` attribute, where the brand allows it —
 * creating an account, with the legal documents the brand shows on its sign-up form (each
 * one's text to open, and a box to tick: required for a must-agree one). Put it on the page
 * the e-mailed links open.
 *
 * @slot heading - Replaces the form's heading ("Sign in to your account"), e.g. with an `<h3>` that fits the page's outline.
 * @slot footer - Below the form: "Forgot your password?", "Create an account"…
 *
 * @event cab-signed-in - `detail: { user, account, restored }`. Bubbles and is composed. Fires on signing in here, and when the widget finds a session (an earlier visit's cookie).
 * @event cab-signed-out - `detail: { reason: "user" | "expired" }`. Bubbles and is composed.
 *
 * @csspart form - The sign-in form.
 * @csspart heading - The default heading.
 * @csspart label - Each field's label.
 * @csspart input - Each input.
 * @csspart button - The submit and the sign-out buttons.
 * @csspart error - The error message (`role="alert"`).
 * @csspart signed-in - The signed-in block.
 * @csspart avatar - The user's initial.
 * @csspart sign-out - The sign-out button.
 * @csspart switch - The links between the views ("Forgot your password?", "Create an account", "Back to sign-in").
 * @csspart legal-document - A legal document on the sign-up form: its title opens its text.
 * @csspart consent - The box to tick for a legal document on the sign-up form.
 * @csspart notice - A confirmation (`role="status"`): link sent, password changed, e-mail confirmed.
 * @csspart external - The "Continue with …" buttons of the brand's external sign-in providers (`<cab-external-sign-in>`), below the form.
 *
 * @cssproperty --cab-color-primary - Buttons and the avatar.
 * @cssproperty --cab-color-danger - The error message.
 * @cssproperty --cab-font-family - All text. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-login locale="en"></cab-login>
 * <script type="module">
 *   document.addEventListener("cab-signed-in", (e) => console.log("Hello", e.detail.user.name));
 * </script>
 * ```
 *
 * @tag cab-login
 */
export class CabLogin extends CabinetElement {
  static override styles = styles;

  /** What is in flight, so a double click sends one request. */
  @state() private busy: "signing-in" | "signing-out" | null = null;
  /** The last failure, translated at render time so a locale switch re-translates it. */
  @state() private error: unknown = null;
  @state() private expired = false;
  /** Offer "Create an account" (the brand must allow sign-up; the core refuses it otherwise). */
  @property({ type: Boolean, attribute: "sign-up" }) signUp = false;
  @state() private view: "sign-in" | "second-factor" | "sign-up" | "forgot" | "reset" = "sign-in";
  /** The second step's challenge (from the first step's 401), or the reset link's token. */
  private pending: string | null = null;
  @state() private notice: string | null = null;
  /** The brand's sign-up documents, loaded when the sign-up view opens. */
  @state() private signUpDocuments: SignUpDocument[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.openLink();
    // A link opened in the tab that already shows the page changes only the fragment.
    window.addEventListener("hashchange", this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this.onHashChange);
  }

  private readonly onHashChange = () => void this.openLink();

  /** The page was opened from an e-mailed link: reset form, or confirm the e-mail at once. */
  private async openLink(): Promise<void> {
    const match = /^#(cab-reset|cab-verify-email|cab-email-change)=(cabl_[A-Za-z0-9_-]{43})$/.exec(location.hash);
    if (!match) return;
    // The token leaves the address bar (and the history) as soon as it is read.
    history.replaceState(history.state, "", location.pathname + location.search);
    const [, kind, token] = match;
    if (kind === "cab-reset") {
      this.pending = token;
      this.view = "reset";
      return;
    }
    const path = kind === "cab-verify-email" ? "/auth/verify-email" : "/auth/email-change/confirm";
    try {
      await this.cabinet.session.api.request("POST", path, { body: { token } });
      this.notice = kind === "cab-verify-email" ? this.cabinet.t.login.emailVerified : this.cabinet.t.login.emailChanged;
    } catch (error) {
      this.error = error;
    }
  }

  protected override sessionChanged(state: SessionState, previous: SessionState | null): void {
    if (state.status === "signed-in" && previous?.status !== "signed-in") {
      this.expired = false;
      this.error = null;
      // previous === null: this widget arrived after the session did; the page still wants to know.
      const restored = state.restored || previous === null;
      this.emit<SignedInDetail>("cab-signed-in", { user: state.me.user, account: state.me.account, restored });
    } else if (state.status === "signed-out" && state.secondFactorChallenge && state.secondFactorChallenge !== this.pending) {
      // The provider's hand-off was the first step of a client with a second factor on: ask for it here.
      this.pending = state.secondFactorChallenge;
      this.error = null;
      this.view = "second-factor";
    } else if (state.status === "signed-out" && previous?.status === "signed-in") {
      const reason = state.reason === "expired" ? "expired" : "user";
      this.expired = reason === "expired";
      this.emit<SignedOutDetail>("cab-signed-out", { reason });
    }
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  protected override render(): TemplateResult {
    const state = this.cabinet.session.state;
    const t = this.cabinet.t;
    let body: TemplateResult;
    if (state.status === "restoring") body = html`<p class="loading" role="status">${t.common.loading}</p>`;
    else if (state.status === "signed-in") body = this.renderSignedIn(state.me.user, state.me.account);
    else if (this.view === "second-factor") body = this.renderSecondFactor();
    else if (this.view === "sign-up") body = this.renderSignUp();
    else if (this.view === "forgot") body = this.renderForgot();
    else if (this.view === "reset") body = this.renderReset();
    else body = this.renderForm();
    return html`<div class="card" lang=${this.cabinet.settings.locale}>${body}</div>`;
  }

  private renderForm(): TemplateResult {
    const t = this.cabinet.t;
    const invalid = this.error ? "true" : "false";
    return html`
      <slot name="heading"><h2 class="heading" part="heading">${t.login.title}</h2></slot>
      ${this.expired ? html`<p class="muted" role="status">${t.login.sessionExpired}</p>` : nothing}
      <form part="form" @submit=${this.onSubmit}>
        <div class="field">
          <label part="label" for="email">${t.login.email}</label>
          <input part="input" class="input" id="email" name="email" type="email" autocomplete="username" spellcheck="false" required aria-invalid=${invalid} />
        </div>
        <div class="field">
          <label part="label" for="password">${t.login.password}</label>
          <input
            part="input"
            class="input"
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid=${invalid}
            aria-describedby=${this.error ? "error" : nothing}
          />
        </div>
        ${this.renderError()}
        <div>
          <button part="button" class="button" type="submit" ?disabled=${this.busy !== null}>
            ${this.busy === "signing-in" ? t.login.submitting : t.login.submit}
          </button>
        </div>
      </form>
      ${this.renderNotice()}
      ${this.passkeysAvailable() ? html`<div><button part="button passkey" class="button secondary" type="button" ?disabled=${this.busy !== null} @click=${() => this.onPasskey()}>${t.login.usePasskey}</button></div>` : nothing}
      <p class="switch">
        <button class="link-button" part="switch" type="button" @click=${() => this.go("forgot")}>${t.login.forgot}</button>
        ${this.signUp ? html`<button class="link-button" part="switch" type="button" @click=${() => this.go("sign-up")}>${t.login.createAccount}</button>` : nothing}
      </p>
      <cab-external-sign-in
        part="external"
        @cab-second-factor-required=${this.onExternalSecondFactor}
        .apiBase=${this.apiBase}
        .brand=${this.brand}
        .auth=${this.auth}
        .locale=${this.locale}
      ></cab-external-sign-in>
      <slot name="footer"></slot>
    `;
  }

  private go(view: CabLogin["view"]): void {
    this.view = view;
    this.error = null;
    this.notice = null;
    if (view === "sign-up") void this.loadSignUpDocuments();
  }

  private async loadSignUpDocuments(): Promise<void> {
    try {
      const { items } = await this.cabinet.session.api.request<{ items: SignUpDocument[] }>("GET", "/legal-documents");
      this.signUpDocuments = items.filter((d) => d.showOnSignUp);
    } catch (error) {
      this.error = error;
    }
  }

  private renderNotice() {
    return this.notice ? html`<p class="notice" part="notice" role="status">${this.notice}</p>` : nothing;
  }

  private back() {
    return html`<p class="switch">
      <button class="link-button" part="switch" type="button" @click=${() => this.go("sign-in")}>${this.cabinet.t.login.backToSignIn}</button>
    </p>`;
  }

  private submitButton(label: string) {
    return html`<div>
      <button part="button" class="button" type="submit" ?disabled=${this.busy !== null}>${this.busy ? this.cabinet.t.login.submitting : label}</button>
    </div>`;
  }

  private renderSecondFactor(): TemplateResult {
    const t = this.cabinet.t;
    return html`
      <h2 class="heading" part="heading">${t.login.secondFactorTitle}</h2>
      <p class="muted">${t.login.secondFactorIntro}</p>
      <form part="form" @submit=${this.onSecondFactor}>
        <div class="field">
          <label part="label" for="code">${t.login.code}</label>
          <input
            part="input"
            class="input"
            id="code"
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            required
            minlength="6"
            maxlength="32"
            spellcheck="false"
          />
        </div>
        ${this.renderError()} ${this.submitButton(t.login.verify)}
      </form>
      ${this.passkeysAvailable() ? html`<div><button part="button passkey" class="button secondary" type="button" ?disabled=${this.busy !== null} @click=${() => this.onPasskey(this.pending ?? undefined)}>${t.login.usePasskey}</button></div>` : nothing}
      ${this.back()}
    `;
  }

  private renderSignUp(): TemplateResult {
    const t = this.cabinet.t;
    return html`
      <h2 class="heading" part="heading">${t.login.signUpTitle}</h2>
      <form part="form" @submit=${this.onSignUp}>
        <div class="field">
          <label part="label" for="name">${t.login.name}</label
          ><input part="input" class="input" id="name" name="name" autocomplete="name" required maxlength="200" />
        </div>
        <div class="field">
          <label part="label" for="email">${t.login.email}</label
          ><input part="input" class="input" id="email" name="email" type="email" autocomplete="email" required />
        </div>
        <div class="field">
          <label part="label" for="password">${t.login.password}</label
          ><input part="input" class="input" id="password" name="password" type="password" autocomplete="new-password" required minlength="10" />
        </div>
        ${this.signUpDocuments.map(
          (doc) =>
            html`<div class="legal" data-kind=${doc.kind}>
              <details part="legal-document">
                <summary>${doc.title}</summary>
                <div class="legal-text" tabindex="0">${doc.body}</div>
              </details>
              <label class="consent" part="consent"
                ><input
                  type="checkbox"
                  name="consent"
                  value=${doc.id}
                  ?required=${doc.mustAgree}
                />${doc.mustAgree ? t.login.signUpAccept(doc.title) : t.login.signUpAgree(doc.title)}</label
              >
            </div>`,
        )}
        ${this.renderError()} ${this.submitButton(t.login.signUpSubmit)}
      </form>
      ${this.back()}
    `;
  }

  private renderForgot(): TemplateResult {
    const t = this.cabinet.t;
    return html`
      <h2 class="heading" part="heading">${t.login.resetTitle}</h2>
      <p class="muted">${t.login.resetIntro}</p>
      <form part="form" @submit=${this.onForgot}>
        <div class="field">
          <label part="label" for="email">${t.login.email}</label
          ><input part="input" class="input" id="email" name="email" type="email" autocomplete="username" required />
        </div>
        ${this.renderError()} ${this.renderNotice()} ${this.submitButton(t.login.resetSubmit)}
      </form>
      ${this.back()}
    `;
  }

  private renderReset(): TemplateResult {
    const t = this.cabinet.t;
    return html`
      <h2 class="heading" part="heading">${t.login.resetChooseTitle}</h2>
      <form part="form" @submit=${this.onReset}>
        <div class="field">
          <label part="label" for="password">${t.login.newPassword}</label
          ><input part="input" class="input" id="password" name="password" type="password" autocomplete="new-password" required minlength="10" />
        </div>
        ${this.renderError()} ${this.submitButton(t.login.resetChooseSubmit)}
      </form>
      ${this.back()}
    `;
  }

  /** Runs a form's request with the busy flag and the error display. */
  private async attempt(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = "signing-in";
    this.error = null;
    this.notice = null;
    try {
      await work();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = null;
    }
  }

  private onSecondFactor(event: SubmitEvent): void {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget as HTMLFormElement).get("code")).trim();
    const session = this.cabinet.session;
    void this.attempt(async () => {
      const signedIn = await session.api.request<Me & { token: string | null }>("POST", "/auth/second-factor", { body: { challenge: this.pending, code } });
      this.pending = null;
      this.view = "sign-in";
      session.adopt(signedIn);
    });
  }

  /** An external sign-in whose user has a second factor on: finish it here. */
  private readonly onExternalSecondFactor = (event: CustomEvent<{ challenge: string }>) => {
    this.pending = event.detail.challenge;
    this.error = null;
    this.view = "second-factor";
  };

  private passkeysAvailable(): boolean {
    return typeof window !== "undefined" && "PublicKeyCredential" in window;
  }

  private onPasskey(secondFactorChallenge?: string): void {
    const session = this.cabinet.session;
    void this.attempt(async () => {
      const { signInWithPasskey } = await passkeys();
      const signedIn = await signInWithPasskey(session.api, session.mode, secondFactorChallenge);
      this.pending = null;
      this.view = "sign-in";
      session.adopt(signedIn);
    });
  }

  private onSignUp(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const session = this.cabinet.session;
    const ticked = new Set(data.getAll("consent").map(String));
    const body = {
      // Each document the form showed, ticked or not: the core records both (a must-agree one must be ticked).
      consents: this.signUpDocuments.map((d) => ({ documentId: d.id, decision: ticked.has(d.id) ? "accepted" : "declined" })),
      name: String(data.get("name")).trim(),
      email: String(data.get("email")).trim(),
      password: String(data.get("password")),
      locale: this.cabinet.settings.locale,
      page: location.href.split("#")[0],
    };
    void this.attempt(async () => {
      // Sign-up opens no session (its answer is the same whether the e-mail was free or taken,
      // so it cannot tell who is a client): sign in next with the same e-mail and password.
      await session.api.request("POST", "/auth/sign-up", { body });
      try {
        await session.signIn(body.email, body.password);
      } catch (error) {
        if (await this.toSecondFactor(error)) return;
        throw error;
      }
      this.view = "sign-in";
    });
  }

  /** A password sign-in that needs a second factor: go to the second step and say whether it did. */
  private async toSecondFactor(error: unknown): Promise<boolean> {
    if (!(error instanceof CabinetApiError && error.code === "CAB_ERR_SECOND_FACTOR_REQUIRED" && typeof error.details.challenge === "string")) return false;
    // The password was right: the second step finishes the sign-in.
    this.pending = error.details.challenge;
    this.view = "second-factor";
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>("#code")?.focus();
    return true;
  }

  private onForgot(event: SubmitEvent): void {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget as HTMLFormElement).get("email")).trim();
    void this.attempt(async () => {
      await this.cabinet.session.api.request("POST", "/auth/password-reset", { body: { email, page: location.href.split("#")[0] } });
      this.notice = this.cabinet.t.login.resetSent;
    });
  }

  private onReset(event: SubmitEvent): void {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget as HTMLFormElement).get("password"));
    void this.attempt(async () => {
      await this.cabinet.session.api.request("POST", "/auth/password-reset/confirm", { body: { token: this.pending, password } });
      this.pending = null;
      this.view = "sign-in";
      this.notice = this.cabinet.t.login.resetDone;
    });
  }

  private renderSignedIn(user: User, account: Account): TemplateResult {
    const t = this.cabinet.t;
    return html`
      <div class="signed-in" part="signed-in">
        <span class="avatar" part="avatar" aria-hidden="true">${initial(user.name)}</span>
        <p class="who" role="status">
          <strong>${t.login.signedInAs(user.name)}</strong>
          ${account.name !== user.name ? html`<span class="muted">${t.login.account(account.name)}</span>` : nothing}
        </p>
        <button part="button sign-out" class="button secondary" type="button" ?disabled=${this.busy !== null} @click=${this.onSignOut}>
          ${this.busy === "signing-out" ? t.login.signingOut : t.login.signOut}
        </button>
      </div>
      ${this.renderError()}
    `;
  }

  private renderError() {
    if (!this.error) return nothing;
    return html`<p class="error" part="error" id="error" role="alert">${describeError(this.cabinet.t, this.error)}</p>`;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // The browser has checked `required` and `type=email` already, in the user's language.
    if (this.busy) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.busy = "signing-in";
    this.error = null;
    this.expired = false;
    try {
      await this.cabinet.session.signIn(String(data.get("email")).trim(), String(data.get("password")));
    } catch (error) {
      if (await this.toSecondFactor(error)) return;
      this.error = error;
      await this.updateComplete;
      // Keep the e-mail, clear the password, and put the cursor where the fix goes.
      const password = this.renderRoot.querySelector<HTMLInputElement>("#password");
      if (password) {
        password.value = "";
        password.focus();
      }
    } finally {
      this.busy = null;
    }
  }

  private async onSignOut(): Promise<void> {
    if (this.busy) return;
    this.busy = "signing-out";
    this.error = null;
    try {
      await this.cabinet.session.signOut();
      await this.updateComplete;
      // The button that had the focus is gone; give it to the form that replaced it.
      this.renderRoot.querySelector<HTMLInputElement>("#email")?.focus();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = null;
    }
  }
}

function initial(name: string): string {
  return (name.trim()[0] ?? "?").toUpperCase();
}
