import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { unsafeSVG } from "lit/directives/unsafe-svg.js";
import { describeError } from "../../i18n/index.js";
import type { SecurityT } from "../../i18n/security.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { SecurityElement } from "../../security/security-element.js";
import { securityApi, type Passkey, type SessionInfo, type TwoFactorSetup, type TwoFactorStatus } from "../../security/security-api.js";
import { reauthOf } from "../cab-settings/cab-settings.component.js";
import { registerPasskey } from "../../security/passkeys.js";
import { styles } from "../cab-settings/cab-settings.styles.js";

type Step = "idle" | "reauth-enable" | "scan" | "reauth-disable" | "reauth-regenerate";

/**
 * The signed-in user's security: two-step verification with an authenticator app (turn on
 * with a QR code the core draws, confirm with a code; recovery codes shown once and
 * regenerable; turn off with the password and a code), passkeys (add, rename, remove) and the
 * places they are signed in (this device marked; sign one out, or every other).
 *
 * @csspart two-factor - The two-step verification block.
 * @csspart qr - The QR code.
 * @csspart recovery-codes - The list of recovery codes (shown once).
 * @csspart passkeys - The passkeys block.
 * @csspart sessions - The list of sessions.
 * @csspart button - Buttons.
 * @csspart error - A failure (`role="alert"`).
 * @csspart signed-out - The "sign in" message.
 *
 * @cssproperty --cab-color-primary - Buttons. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-security></cab-security>
 * ```
 *
 * @tag cab-security
 */
export class CabSecurity extends SecurityElement {
  static override styles = styles;

  /** Two-step verification's status, the passkeys and the sessions, read together. */
  private readonly overview = this.resource(async (api, c) => {
    const calls = securityApi(api, c);
    const [status, sessions, passkeys] = await Promise.all([
      calls.twoFactor(),
      calls.sessions(),
      // A site without passkeys (no relying party configured) still shows the rest.
      calls.passkeys().catch(() => ({ items: [] as Passkey[] })),
    ]);
    return { status, sessions: sessions.items, passkeys: passkeys.items };
  });
  @state() private step: Step = "idle";
  @state() private setup: TwoFactorSetup | null = null;
  @state() private recoveryCodes: string[] | null = null;
  @state() private busy = false;
  @state() private error: unknown = null;
  @state() private message: string | null = null;

  protected override reload(): void {
    void this.overview.load();
  }

  /** Reads it all again after a change, what was shown staying meanwhile. */
  private async load(): Promise<void> {
    await this.overview.load(true);
  }

  private get status(): TwoFactorStatus | null {
    return this.overview.value?.status ?? null;
  }

  private get sessions(): SessionInfo[] {
    return this.overview.value?.sessions ?? [];
  }

  private get passkeys(): Passkey[] {
    return this.overview.value?.passkeys ?? [];
  }

  protected override clear(): void {
    this.step = "idle";
    this.setup = null;
    this.recoveryCodes = null;
    this.error = null;
    this.message = null;
  }

  protected override labels(t: SecurityT) {
    return { title: t.security.title, signedOut: t.security.signedOut, forbidden: t.security.signedOut };
  }

  private async run(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.message = null;
    try {
      await work();
    } catch (error) {
      this.noteFailure(error);
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  protected override renderContent(t: SecurityT): TemplateResult {
    return html`
      <h2 class="heading">${t.security.title}</h2>
      ${this.error ? html`<p class="error" part="error" role="alert">${describeError(t, this.error)}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : nothing}
      ${
        this.overview.value
          ? html`${this.renderTwoFactor(t)} ${this.renderPasskeys(t)} ${this.renderSessions(t)}`
          : this.overview.error
            ? renderFailure(t, this.overview.error, () => void this.overview.load())
            : html`<p class="notice" role="status">${t.common.loading}</p>`
      }
    `;
  }

  private renderTwoFactor(t: SecurityT): TemplateResult {
    const status = this.status;
    return html`
      <fieldset part="two-factor">
        <legend>${t.security.twoFactor}</legend>
        ${status?.required ? html`<p class="muted">${t.security.twoFactorRequired}</p>` : nothing}
        <p class="status">${status?.enabled ? t.security.twoFactorOn : t.security.twoFactorOff}</p>
        ${status?.enabled ? html`<p class="muted">${t.security.recoveryLeft(status.recoveryCodesLeft)}</p>` : nothing}
        ${
          this.recoveryCodes
            ? html`<div>
                <strong>${t.security.recoveryTitle}</strong>
                <p class="muted">${t.security.recoveryIntro}</p>
                <ul class="codes" part="recovery-codes">
                  ${this.recoveryCodes.map((c) => html`<li><code>${c}</code></li>`)}
                </ul>
                <button class="button" part="button" type="button" @click=${() => (this.recoveryCodes = null)}>${t.security.done}</button>
              </div>`
            : this.renderTwoFactorStep(t)
        }
      </fieldset>
    `;
  }

  private renderTwoFactorStep(t: SecurityT): TemplateResult | typeof nothing {
    const status = this.status;
    switch (this.step) {
      case "reauth-enable":
      case "reauth-disable":
      case "reauth-regenerate":
        return html`<form @submit=${this.onReauth}>
          <div class="form-row">
            <div class="field">
              <label for="reauth-password">${t.security.password}</label
              ><input class="input" id="reauth-password" name="password" type="password" autocomplete="current-password" />
            </div>
            ${
              this.step !== "reauth-enable"
                ? html`<div class="field">
                    <label for="reauth-code">${t.security.code}</label
                    ><input class="input" id="reauth-code" name="code" inputmode="numeric" autocomplete="one-time-code" />
                  </div>`
                : nothing
            }
          </div>
          <div class="actions">
            <button class="button" part="button" type="submit" ?disabled=${this.busy}>${t.security.confirm}</button>
            <button class="button secondary" part="button" type="button" @click=${() => (this.step = "idle")}>${t.security.cancel}</button>
          </div>
        </form>`;
      case "scan":
        return html`<form @submit=${this.onConfirm}>
          <p>${t.security.scan}</p>
          <div class="qr" part="qr">${this.setup ? unsafeSVG(this.setup.qrSvg) : nothing}</div>
          <p class="muted">${t.security.secret}: <code class="secret">${this.setup?.secret}</code></p>
          <div class="field">
            <label for="confirm-code">${t.security.code}</label
            ><input class="input" id="confirm-code" name="code" inputmode="numeric" autocomplete="one-time-code" required pattern="[0-9]{6}" />
          </div>
          <div class="actions">
            <button class="button" part="button" type="submit" ?disabled=${this.busy}>${t.security.confirm}</button>
            <button class="button secondary" part="button" type="button" @click=${() => (this.step = "idle")}>${t.security.cancel}</button>
          </div>
        </form>`;
      default:
        if (!status) return nothing;
        return status.enabled
          ? html`<div class="actions">
              <button class="button secondary" part="button" type="button" @click=${() => (this.step = "reauth-regenerate")}>${t.security.regenerate}</button>
              ${status.required ? nothing : html`<button class="button secondary" part="button" type="button" @click=${() => (this.step = "reauth-disable")}>${t.security.disable}</button>`}
            </div>`
          : html`<div><button class="button" part="button" type="button" @click=${() => (this.step = "reauth-enable")}>${t.security.enable}</button></div>`;
    }
  }

  private onReauth(event: SubmitEvent): void {
    event.preventDefault();
    const given = reauthOf(new FormData(event.currentTarget as HTMLFormElement));
    const step = this.step;
    void this.run(async () => {
      if (step === "reauth-enable") {
        this.setup = await this.api((a) => a.startTwoFactor(given));
        this.step = "scan";
      } else if (step === "reauth-disable") {
        await this.api((a) => a.disableTwoFactor(given));
        this.step = "idle";
        await this.load();
      } else {
        this.recoveryCodes = (await this.api((a) => a.regenerateRecoveryCodes(given))).recoveryCodes;
        this.step = "idle";
        await this.load();
      }
    });
  }

  private onConfirm(event: SubmitEvent): void {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget as HTMLFormElement).get("code")).trim();
    void this.run(async () => {
      this.recoveryCodes = (await this.api((a) => a.confirmTwoFactor(code))).recoveryCodes;
      this.setup = null;
      this.step = "idle";
      await this.load();
    });
  }

  private renderPasskeys(t: SecurityT): TemplateResult {
    return html`
      <fieldset part="passkeys">
        <legend>${t.security.passkeys}</legend>
        <p class="muted">${t.security.passkeysIntro}</p>
        ${
          this.passkeys.length === 0
            ? html`<p class="muted">${t.security.noPasskeys}</p>`
            : html`<ul class="list">
                ${this.passkeys.map(
                  (p) =>
                    html`<li class="passkey">
                      <strong>${p.name}</strong>
                      <span class="muted"
                        >${t.security.created(this.date(p.createdAt))}${p.lastUsedAt ? html`, ${t.security.lastUsed(this.date(p.lastUsedAt))}` : nothing}</span
                      >
                      <button class="link-button" type="button" @click=${() => this.onRename(p)}>${t.security.rename}</button>
                      <button class="link-button" type="button" @click=${() => this.onRemovePasskey(p)}>${t.security.remove}</button>
                    </li>`,
                )}
              </ul>`
        }
        <form class="actions" @submit=${this.onAddPasskey}>
          <label class="sr-only" for="passkey-name">${t.security.passkeyName}</label>
          <input class="input" id="passkey-name" name="name" maxlength="100" placeholder=${t.security.passkeyName} />
          <input
            class="input"
            name="password"
            type="password"
            autocomplete="current-password"
            placeholder=${t.security.password}
            aria-label=${t.security.password}
          />
          ${
            this.status?.enabled
              ? html`<input
                  class="input"
                  name="code"
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  placeholder=${t.security.code}
                  aria-label=${t.security.code}
                />`
              : nothing
          }
          <button class="button" part="button" type="submit" ?disabled=${this.busy}>${t.security.addPasskey}</button>
        </form>
      </fieldset>
    `;
  }

  private onAddPasskey(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim() || navigator.platform || "Passkey";
    const given = reauthOf(data);
    void this.run(async () => {
      await this.cabinet.session.call((api, credentials) => registerPasskey(api, credentials, name, given));
      form.reset();
      await this.load();
    });
  }

  private onRename(passkey: Passkey): void {
    const name = prompt(this.t.security.passkeyName, passkey.name)?.trim();
    if (!name) return;
    void this.run(async () => {
      await this.cabinet.session.call((api, credentials) =>
        api.request("PATCH", `/me/passkeys/${encodeURIComponent(passkey.id)}`, { body: { name }, credentials }),
      );
      await this.load();
    });
  }

  private onRemovePasskey(passkey: Passkey): void {
    void this.run(async () => {
      await this.cabinet.session.call((api, credentials) => api.request("DELETE", `/me/passkeys/${encodeURIComponent(passkey.id)}`, { credentials }));
      await this.load();
    });
  }

  private renderSessions(t: SecurityT): TemplateResult {
    return html`
      <fieldset>
        <legend>${t.security.sessions}</legend>
        <ul class="list" part="sessions">
          ${this.sessions.map(
            (s) =>
              html`<li class="session" data-session=${s.id}>
                <strong>${[s.device.browser, s.device.os].filter(Boolean).join(" · ") || t.security.unknownDevice}</strong>
                <span class="muted">${s.ip}, ${t.security.lastSeen(this.date(s.lastSeenAt))}</span>
                ${
                  s.current
                    ? html`<span class="badge">${t.security.thisDevice}</span>`
                    : html`<button class="link-button" type="button" @click=${() => this.onEnd(s.id)}>${t.security.endSession}</button>`
                }
              </li>`,
          )}
        </ul>
        ${
          this.sessions.length > 1
            ? html`<div>
                <button class="button secondary" part="button" type="button" ?disabled=${this.busy} @click=${this.onEndOthers}>${t.security.endOthers}</button>
              </div>`
            : nothing
        }
      </fieldset>
    `;
  }

  private onEnd(id: string): void {
    void this.run(async () => {
      await this.api((a) => a.endSession(id));
      await this.load();
    });
  }

  private onEndOthers(): void {
    void this.run(async () => {
      const { ended } = await this.api((a) => a.endOtherSessions());
      await this.load();
      this.message = this.t.security.endedOthers(ended);
    });
  }
}
