import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { describeError } from "../../i18n/index.js";
import type { Account, User } from "../../runtime/api-types.js";
import { CabinetElement } from "../../runtime/cabinet-element.js";
import type { SessionState } from "../../runtime/session-store.js";
import { styles } from "./cab-login.styles.js";

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
 */
export class CabLogin extends CabinetElement {
  static override styles = styles;

  /** What is in flight, so a double click sends one request. */
  @state() private busy: "signing-in" | "signing-out" | null = null;
  /** The last failure, translated at render time so a locale switch re-translates it. */
  @state() private error: unknown = null;
  @state() private expired = false;

  protected override sessionChanged(state: SessionState, previous: SessionState | null): void {
    if (state.status === "signed-in" && previous?.status !== "signed-in") {
      this.expired = false;
      this.error = null;
      // previous === null: this widget arrived after the session did; the page still wants to know.
      const restored = state.restored || previous === null;
      this.emit<SignedInDetail>("cab-signed-in", { user: state.me.user, account: state.me.account, restored });
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
          <input part="input" class="input" id="password" name="password" type="password" autocomplete="current-password" required aria-invalid=${invalid}
            aria-describedby=${this.error ? "error" : nothing} />
        </div>
        ${this.renderError()}
        <div>
          <button part="button" class="button" type="submit" ?disabled=${this.busy !== null}>
            ${this.busy === "signing-in" ? t.login.submitting : t.login.submit}
          </button>
        </div>
      </form>
      <cab-external-sign-in part="external" .apiBase=${this.apiBase} .brand=${this.brand} .auth=${this.auth} .locale=${this.locale}></cab-external-sign-in>
      <slot name="footer"></slot>
    `;
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
