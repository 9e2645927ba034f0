import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { describeError } from "../../i18n/index.js";
import type { SecurityT } from "../../i18n/security.js";
import type { Me } from "../../runtime/api-types.js";
import { findConfigElement } from "../../runtime/settings.js";
import { SecurityElement } from "../../security/security-element.js";
import { thisPage, type ProfileChanges } from "../../security/security-api.js";
import { styles } from "./cab-settings.styles.js";

type Section = "profile" | "email" | "password";

/** `cab-profile-saved`: the user and account as the server now has them. */
export interface ProfileSavedDetail {
  me: Me;
}

const TIMEZONES = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
})();

/**
 * The signed-in user's settings: profile (name, phone, language, time zone, rows per page; the
 * owner also sets the account's language), the sign-in e-mail (a confirmation link goes to the
 * new address) and the password (every other session ends). Changing the language switches
 * every widget on the page to it at once (through `<cab-config locale>`, else `<html lang>`).
 *
 * @event cab-profile-saved - `detail: { me }`. Bubbles, is composed.
 *
 * @csspart profile - The profile form.
 * @csspart email - The e-mail form.
 * @csspart password - The password form.
 * @csspart button - The submit buttons.
 * @csspart error - A failure (`role="alert"`).
 * @csspart done - A success message (`role="status"`).
 * @csspart signed-out - The "sign in" message.
 *
 * @cssproperty --cab-color-primary - Buttons. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-settings></cab-settings>
 * ```
 *
 * @tag cab-settings
 */
export class CabSettings extends SecurityElement {
  protected override readonly openBeforePasswordChange = true;
  static override styles = styles;

  @state() private busy: Section | null = null;
  @state() private failure: { section: Section; error: unknown } | null = null;
  @state() private done: { section: Section; message: string } | null = null;

  protected override reload(): void {}

  protected override clear(): void {
    this.busy = null;
    this.failure = null;
    this.done = null;
  }

  protected override labels(t: SecurityT) {
    return { title: t.settings.title, signedOut: t.settings.signedOut, forbidden: t.settings.signedOut };
  }

  private get me(): Me | null {
    return this.cabinet.session.me;
  }

  protected override renderContent(t: SecurityT): TemplateResult {
    const me = this.me!;
    return html`
      <h2 class="heading">${t.settings.title}</h2>
      <form part="profile" @submit=${this.onProfile}>
        <fieldset>
          <legend>${t.settings.profile}</legend>
          <div class="form-row">
            <div class="field">
              <label for="name">${t.settings.name}</label><input class="input" id="name" name="name" required maxlength="200" .value=${me.user.name} />
            </div>
            <div class="field">
              <label for="phone">${t.settings.phone}</label
              ><input class="input" id="phone" name="phone" type="tel" maxlength="32" .value=${me.user.phone ?? ""} />
            </div>
          </div>
          <div class="form-row">
            <div class="field">
              <label for="locale">${t.settings.language}</label>
              <select class="input" id="locale" name="locale">
                ${this.languageOptions(me.user.locale)}
              </select>
            </div>
            ${
              me.user.role === "owner"
                ? html`<div class="field">
                    <label for="accountLocale">${t.settings.accountLanguage}</label>
                    <select class="input" id="accountLocale" name="accountLocale">
                      ${this.languageOptions(me.account.locale)}
                    </select>
                  </div>`
                : nothing
            }
          </div>
          <div class="form-row">
            <div class="field">
              <label for="timezone">${t.settings.timezone}</label>
              <select class="input" id="timezone" name="timezone">
                ${[...new Set(["UTC", ...TIMEZONES])].map((z) => html`<option value=${z} ?selected=${z === me.user.timezone}>${z}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="rows">${t.settings.rowsPerPage}</label>
              <select class="input" id="rows" name="rowsPerPage">
                ${[10, 20, 50, 100].map((n) => html`<option value=${n} ?selected=${n === me.user.rowsPerPage}>${n}</option>`)}
              </select>
            </div>
          </div>
          ${this.outcome("profile")}
          <div>
            <button class="button" part="button" type="submit" ?disabled=${this.busy !== null}>
              ${this.busy === "profile" ? t.settings.saving : t.settings.save}
            </button>
          </div>
        </fieldset>
      </form>

      <form part="email" @submit=${this.onEmail}>
        <fieldset>
          <legend>${t.settings.email}</legend>
          <p class="muted">${t.settings.currentEmail(me.user.email, me.user.emailVerified)}</p>
          ${
            me.user.emailVerified
              ? nothing
              : html`<div><button class="link-button" type="button" @click=${this.onResend}>${t.settings.resendVerification}</button></div>`
          }
          <div class="form-row">
            <div class="field">
              <label for="newEmail">${t.settings.newEmail}</label
              ><input class="input" id="newEmail" name="newEmail" type="email" required autocomplete="email" />
            </div>
            <div class="field">
              <label for="emailPassword">${t.settings.currentPassword}</label
              ><input class="input" id="emailPassword" name="password" type="password" autocomplete="current-password" />
            </div>
            <div class="field">
              <label for="emailCode">${t.settings.code}</label
              ><input class="input" id="emailCode" name="code" inputmode="numeric" autocomplete="one-time-code" />
            </div>
          </div>
          ${this.outcome("email")}
          <div><button class="button" part="button" type="submit" ?disabled=${this.busy !== null}>${t.settings.changeEmail}</button></div>
        </fieldset>
      </form>

      <form part="password" @submit=${this.onPassword}>
        <fieldset>
          <legend>${t.settings.password}</legend>
          <div class="form-row">
            <div class="field">
              <label for="currentPassword">${t.settings.currentPassword}</label
              ><input class="input" id="currentPassword" name="password" type="password" autocomplete="current-password" />
            </div>
            <div class="field">
              <label for="newPassword">${t.settings.newPassword}</label
              ><input class="input" id="newPassword" name="newPassword" type="password" required minlength="8" autocomplete="new-password" />
            </div>
            <div class="field">
              <label for="passwordCode">${t.settings.code}</label
              ><input class="input" id="passwordCode" name="code" inputmode="numeric" autocomplete="one-time-code" />
            </div>
          </div>
          ${this.outcome("password")}
          <div><button class="button" part="button" type="submit" ?disabled=${this.busy !== null}>${t.settings.changePassword}</button></div>
        </fieldset>
      </form>
    `;
  }

  private languageOptions(selected: string) {
    return [
      ["en", "English"],
      ["ru", "Русский"],
    ].map(([value, label]) => html`<option value=${value} ?selected=${value === selected}>${label}</option>`);
  }

  private outcome(section: Section) {
    if (this.failure?.section === section) return html`<p class="error" part="error" role="alert">${describeError(this.t, this.failure.error)}</p>`;
    if (this.done?.section === section) return html`<p class="ok" part="done" role="status">${this.done.message}</p>`;
    return nothing;
  }

  private async run(section: Section, work: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = section;
    this.failure = null;
    this.done = null;
    try {
      this.done = { section, message: await work() };
    } catch (error) {
      this.noteFailure(error);
      this.failure = { section, error };
    } finally {
      this.busy = null;
    }
  }

  private onProfile(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const changes: ProfileChanges = {
      name: String(data.get("name")).trim(),
      phone: String(data.get("phone") ?? "").trim() || null,
      locale: String(data.get("locale")),
      timezone: String(data.get("timezone")),
      rowsPerPage: Number(data.get("rowsPerPage")),
    };
    if (data.has("accountLocale")) changes.accountLocale = String(data.get("accountLocale"));
    void this.run("profile", async () => {
      const me = await this.api((a) => a.updateProfile(changes));
      this.cabinet.session.updateMe(me);
      this.emit<ProfileSavedDetail>("cab-profile-saved", { me });
      if (changes.locale && changes.locale !== this.cabinet.settings.locale) this.switchLocale(changes.locale);
      return this.t.settings.saved;
    });
  }

  /**
   * Every widget on the page follows the user's language: the page's `<cab-config locale>`
   * (or `<html lang>` when there is none) is what they all read, and they watch it.
   */
  private switchLocale(locale: string): void {
    const config = findConfigElement(this.ownerDocument);
    if (config) config.setAttribute("locale", locale);
    else this.ownerDocument.documentElement.lang = locale;
    // A locale set on this element itself would win over the page's: follow it here too.
    if (this.locale) this.locale = locale;
  }

  private onEmail(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const newEmail = String(data.get("newEmail")).trim();
    void this.run("email", async () => {
      await this.api((a) => a.changeEmail({ newEmail, page: thisPage(), ...reauthOf(data) }));
      form.reset();
      return this.t.settings.emailSent(newEmail);
    });
  }

  private onResend(): void {
    void this.run("email", async () => {
      await this.api((a) => a.resendVerification(thisPage()));
      return this.t.settings.verificationSent;
    });
  }

  private onPassword(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    void this.run("password", async () => {
      const { ended } = await this.api((a) => a.changePassword({ newPassword: String(data.get("newPassword")), ...reauthOf(data) }));
      form.reset();
      // A handed-over password is replaced: every widget of the session may load now.
      if (this.cabinet.session.me?.user.mustChangePassword) this.cabinet.session.reopen(await this.cabinet.session.call((api, c) => api.me(c)));
      return this.t.settings.passwordChanged(ended);
    });
  }
}

/** The re-authentication fields of a form: only those filled in. */
export function reauthOf(data: FormData): { password?: string; code?: string } {
  const password = String(data.get("password") ?? "");
  const code = String(data.get("code") ?? "").replace(/\s+/g, "");
  return { ...(password ? { password } : {}), ...(code ? { code } : {}) };
}
