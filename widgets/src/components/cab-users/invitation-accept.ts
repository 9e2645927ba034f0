import { html, LitElement, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import { accessApi } from "../../access/access-api.js";
import type { AccessT } from "../../i18n/access.js";
import { describeError, type Locale } from "../../i18n/index.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import type { Me } from "../../runtime/api-types.js";
import { defineElement } from "../../runtime/define-element.js";
import type { SessionStore } from "../../runtime/session-store.js";
import { exchangeExternalReturn, externalReturnKeys, takeExternalReturn } from "../../privacy/external-return.js";
import { privacyApi } from "../../privacy/privacy-api.js";

/** The passkey helpers (and @simplewebauthn/browser) load only when the passkey button is pressed. */
const passkeys = () => import("../../security/passkeys.js");

/**
 * `<cab-users>`'s view of the invitation the page was opened with: what it invites to, and the
 * ways to accept it — signed in (one more account for this login); or with a new login made with
 * a password, with a passkey, or at one of the brand's external providers ("Continue with …",
 * whose round trip comes back to this page and is completed here). Internal: it renders into
 * `<cab-users>`'s shadow root (no shadow of its own), so the widget's styles, ids and `part`s
 * hold, and it takes no box of its own. It raises `cab-invitation-accepted` (composed: the page
 * hears it from `<cab-users>`), which also tells `<cab-users>` to keep showing it.
 */
export class CabUsersInvitation extends LitElement {
  /** The link's token (`cabi_…`). */
  @property({ attribute: false }) token!: string;
  @property({ attribute: false }) t!: AccessT;
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) session!: SessionStore;
  /** Who is signed in, if anyone: given again as the session changes, so the view follows it. */
  @property({ attribute: false }) me: Me | null = null;

  /** The invitation: loading, refused, what it invites to, or accepted here. */
  @state() private opened:
    | { status: "loading" }
    | { status: "completing" }
    | { status: "invalid" }
    | { status: "open"; email: string; accountName: string }
    | { status: "accepted"; accountName: string | null }
    | null = null;
  @state() private newLogin = { name: "", password: "" };
  @state() private providers: { id: string; label: string }[] = [];
  @state() private busy: "accept" | "passkey" | "provider" | null = null;
  @state() private error: unknown = null;
  private providersAsked = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.style.display = "contents";
    if (this.opened) return;
    // Back from an external provider that accepted the invitation at the core's callback: the
    // one-time code in the address is this view's to trade for the session.
    const back = takeExternalReturn(externalReturnKeys.invitation);
    if (back?.code) void this.completeExternal(back.code, back.account ?? null);
    else {
      if (back?.error) this.error = new CabinetApiError(back.error, back.error, 400);
      void this.peek();
    }
  }

  protected override willUpdate(): void {
    // The provider buttons are for a visitor without a login here: asked for once.
    if (!this.me && !this.providersAsked) {
      this.providersAsked = true;
      void this.loadProviders();
    }
  }

  private async peek(): Promise<void> {
    this.opened = { status: "loading" };
    try {
      const preview = await accessApi.peekInvitation(this.session.api, this.token);
      this.opened = { status: "open", email: preview.email, accountName: preview.accountName };
    } catch {
      this.opened = { status: "invalid" };
    }
  }

  private async loadProviders(): Promise<void> {
    try {
      this.providers = (await privacyApi.providers(this.session.api)).items;
    } catch {
      // No buttons: the other ways to accept stay.
      this.providers = [];
    }
  }

  private async completeExternal(code: string, accountId: string | null): Promise<void> {
    this.opened = { status: "completing" };
    try {
      await exchangeExternalReturn(this.session, code);
      // A person who had a login already is signed in to their own account: open the one that invited them.
      if (accountId && this.session.me?.account.id !== accountId) await this.session.switchAccount(accountId);
      this.done(accountId, this.session.me?.account.id === accountId ? this.session.me.account.name : null);
    } catch (cause) {
      // The invitation was accepted at the callback; only the session is missing (a second
      // factor, say): the person signs in as usual.
      this.error = cause;
      this.done(accountId, null);
    }
  }

  /** Accepted: said once, told to the page, and the spent link taken out of the address (a reload shows the page as it is). */
  private done(accountId: string | null, accountName: string | null): void {
    this.newLogin = { name: "", password: "" };
    this.opened = { status: "accepted", accountName };
    this.dispatchEvent(new CustomEvent("cab-invitation-accepted", { detail: { accountId }, bubbles: true, composed: true }));
    const url = new URL(window.location.href);
    if (url.searchParams.has("invitation")) {
      url.searchParams.delete("invitation");
      history.replaceState(history.state, "", url);
    }
  }

  private async run(key: NonNullable<typeof this.busy>, work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = key;
    this.error = null;
    try {
      await work();
    } catch (cause) {
      this.error = cause;
    } finally {
      this.busy = null;
    }
  }

  private accept(event: Event, accountName: string) {
    event.preventDefault();
    const session = this.session;
    const token = this.token;
    const signedIn = session.state.status === "signed-in";
    return this.run("accept", async () => {
      const mode = session.mode;
      if (signedIn) {
        const accepted = await session.call((api, c) => accessApi.accept(api, { token, mode }, c));
        await session.switchAccount(accepted.accountId);
        return this.done(accepted.accountId, accountName);
      }
      const body = { token, mode, name: this.newLogin.name.trim(), password: this.newLogin.password, locale: this.locale };
      const accepted = await accessApi.accept(session.api, body, { mode });
      await this.adoptNewLogin(accepted.token);
      this.done(accepted.accountId, accountName);
    });
  }

  private acceptWithPasskey(accountName: string) {
    const nameField = this.querySelector<HTMLInputElement>("input[data-new-login-name]");
    const name = this.newLogin.name.trim();
    // The login's name is asked for as by the password form; the password is not.
    if (!name) return nameField?.reportValidity();
    const session = this.session;
    return this.run("passkey", async () => {
      const { acceptInvitationWithPasskey } = await passkeys();
      const passkeyName = navigator.platform || this.t.invitation.passkeyName;
      const accepted = await acceptInvitationWithPasskey(session.api, session.mode, { token: this.token, name, passkeyName, locale: this.locale });
      await this.adoptNewLogin(accepted.token);
      this.done(accepted.accountId, accountName);
    });
  }

  /** A new login, signed in by the answer: its cookie, or its bearer token. */
  private async adoptNewLogin(token: string | null): Promise<void> {
    const session = this.session;
    const me = await session.api.me({ mode: session.mode, token, csrfToken: null });
    session.adopt({ ...me, token });
  }

  private continueWith(provider: string) {
    const session = this.session;
    return this.run("provider", async () => {
      // Back to this very page (its `?invitation=` too); the fragment the core adds is taken in connectedCallback.
      const returnTo = `${location.origin}${location.pathname}${location.search}`;
      const body = { purpose: "sign-in" as const, returnTo, mode: session.mode, invitation: this.token };
      const { url } = await privacyApi.startExternal(session.api, provider, body, { mode: session.mode });
      location.assign(url);
      // Leaving the page: the buttons stay disabled until it goes.
      await new Promise(() => undefined);
    });
  }

  private passkeysAvailable(): boolean {
    return typeof window !== "undefined" && "PublicKeyCredential" in window;
  }

  protected override render() {
    const t = this.t;
    return html`<section class="stack" part="accept" aria-labelledby="users-invitation">
      <h2 class="heading" part="heading" id="users-invitation">${t.invitation.title}</h2>
      ${this.error ? html`<p class="error" part="error" role="alert">${describeError(t, this.error)}</p>` : nothing} ${this.renderBody(t)}
    </section>`;
  }

  private renderBody(t: AccessT) {
    const opened = this.opened;
    if (opened?.status === "accepted") {
      const said = opened.accountName ? t.invitation.accepted(opened.accountName) : t.invitation.acceptedHere;
      return html`<p class="notice" part="notice" role="status">${said}</p>`;
    }
    if (opened?.status === "completing") return html`<p class="notice" role="status">${t.invitation.completing}</p>`;
    if (!opened || opened.status === "loading") return html`<p class="notice" role="status">${t.invitation.loading}</p>`;
    if (opened.status === "invalid") return html`<p class="notice" part="error" role="alert">${t.invitation.invalid}</p>`;
    const me = this.me;
    const busy = this.busy !== null;
    return html`<p>${t.invitation.intro(opened.accountName, opened.email)}</p>
      ${
        me
          ? html`<form @submit=${(e: Event) => this.accept(e, opened.accountName)}>
              <button class="button" part="button" type="submit" ?disabled=${busy}>
                ${this.busy === "accept" ? t.invitation.accepting : t.invitation.acceptSignedIn(me.user.email)}
              </button>
            </form>`
          : html`<p class="hint">${t.invitation.orSignIn}</p>
              ${
                this.providers.length
                  ? html`<div class="row">
                      ${this.providers.map(
                        (p) =>
                          html`<button
                            class="button secondary"
                            part="button provider"
                            type="button"
                            data-provider=${p.id}
                            ?disabled=${busy}
                            @click=${() => this.continueWith(p.id)}
                          >
                            ${t.invitation.withProvider(p.label)}
                          </button>`,
                      )}
                    </div>`
                  : nothing
              }
              <form class="stack" @submit=${(e: Event) => this.accept(e, opened.accountName)}>
                <h3 class="subheading">${t.invitation.newLogin}</h3>
                <label class="field"
                  ><span>${t.invitation.name}</span
                  ><input
                    class="input"
                    required
                    maxlength="200"
                    autocomplete="name"
                    data-new-login-name
                    .value=${this.newLogin.name}
                    @input=${(e: Event) => (this.newLogin = { ...this.newLogin, name: (e.target as HTMLInputElement).value })}
                /></label>
                <label class="field"
                  ><span>${t.invitation.password}</span
                  ><input
                    class="input"
                    type="password"
                    required
                    maxlength="256"
                    autocomplete="new-password"
                    .value=${this.newLogin.password}
                    @input=${(e: Event) => (this.newLogin = { ...this.newLogin, password: (e.target as HTMLInputElement).value })}
                /></label>
                <div>
                  <button class="button" part="button" type="submit" ?disabled=${busy}>
                    ${this.busy === "accept" ? t.invitation.accepting : t.invitation.acceptNew}
                  </button>
                </div>
                ${
                  this.passkeysAvailable()
                    ? html`<p class="hint">${t.invitation.passkeyHint}</p>
                        <div>
                          <button
                            class="button secondary"
                            part="button passkey"
                            type="button"
                            ?disabled=${busy}
                            @click=${() => this.acceptWithPasskey(opened.accountName)}
                          >
                            ${this.busy === "passkey" ? t.invitation.accepting : t.invitation.createWithPasskey}
                          </button>
                        </div>`
                    : nothing
                }
              </form>`
      }`;
  }
}

defineElement("cab-users-invitation", CabUsersInvitation);
