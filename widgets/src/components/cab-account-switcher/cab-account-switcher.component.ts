import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { accessApi, type MyAccount } from "../../access/access-api.js";
import { AccessElement } from "../../access/access-element.js";
import type { AccessT } from "../../i18n/access.js";
import { describeError } from "../../i18n/index.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { Resource } from "../../runtime/resource.js";
import type { SessionState } from "../../runtime/session-store.js";
import { widgetBlocks } from "../../theme/blocks.js";
import { styles } from "./cab-account-switcher.styles.js";

/** `cab-account-switched`: the session now acts in `accountId`. */
export interface AccountSwitchedDetail {
  accountId: string;
  previousAccountId: string;
}

/**
 * The accounts of the brand the signed-in person belongs to (their own company and a client's,
 * as an agency), to switch between without signing in again: every widget of the session then
 * loads the chosen account's data. With a single account it only names it.
 *
 * @event cab-account-switched - `detail: { accountId, previousAccountId }` after a switch. Bubbles, is composed.
 *
 * @csspart select - The list of accounts.
 * @csspart current - The account's name when there is only one.
 * @csspart error - A failure (`role="alert"`).
 * @csspart signed-out - The "sign in" message.
 *
 * @cssproperty --cab-color-primary - The focus ring. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-account-switcher></cab-account-switcher>
 * <script>
 *   document.addEventListener("cab-account-switched", (e) => console.log("now in", e.detail.accountId));
 * </script>
 * ```
 *
 * @tag cab-account-switcher
 */
export class CabAccountSwitcher extends AccessElement {
  static override styles = [...widgetBlocks, styles];

  /**
   * The person's accounts. Not one of the session's resources (`this.resource`), which are
   * forgotten when the account changes: the list is the same in every account, so it stays on
   * screen through a switch, and a refusal here says why rather than hiding the switcher.
   */
  private readonly accounts = new Resource<MyAccount[]>(this, (signal) =>
    this.cabinet.session.call(async (api, c) => (await accessApi.myAccounts(api, c, signal)).items),
  );
  /** Why the last switch failed. */
  @state() private error: unknown = null;

  protected override labels(t: AccessT) {
    return { title: t.switcher.title, signedOut: t.switcher.signedOut, forbidden: t.switcher.forbidden };
  }

  protected override sessionChanged(state: SessionState, previous: SessionState | null): void {
    super.sessionChanged(state, previous);
    // Another account chosen elsewhere (another switcher, an accepted invitation): show it as current.
    const accounts = this.accounts.value;
    if (state.status === "signed-in" && previous?.status === "signed-in" && previous.me.account.id !== state.me.account.id && accounts) {
      this.accounts.set(accounts.map((a) => ({ ...a, current: a.id === state.me.account.id })));
      void this.accounts.load(true);
    }
  }

  protected override reload(): void {
    void this.accounts.load();
  }

  protected override clear(): void {
    this.accounts.clear();
    this.error = null;
  }

  private async choose(accountId: string): Promise<void> {
    const session = this.cabinet.session;
    const previousAccountId = session.me?.account.id;
    if (!previousAccountId || accountId === previousAccountId || this.busy) return;
    this.busy = "switch";
    this.error = null;
    try {
      await session.switchAccount(accountId);
      this.emit<AccountSwitchedDetail>("cab-account-switched", { accountId, previousAccountId });
    } catch (cause) {
      this.error = cause;
      this.requestUpdate();
    } finally {
      this.busy = null;
    }
  }

  protected override renderContent(t: AccessT): TemplateResult {
    const accounts = this.accounts.value;
    const me = this.cabinet.session.me;
    const error = html`${this.accounts.error ? renderFailure(t, this.accounts.error, () => void this.accounts.load()) : nothing}
    ${this.error ? html`<p class="error" part="error" role="alert">${describeError(t, this.error)}</p>` : nothing}`;
    if (!accounts || accounts.length <= 1) {
      return html`<span class="current" part="current">${t.switcher.current(me?.account.name ?? "")}</span>${error}`;
    }
    const current = me?.account.id;
    return html`<label class="switcher">
        <span class="label">${t.switcher.label}</span>
        <select
          class="input"
          part="select"
          ?disabled=${this.busy !== null}
          aria-busy=${this.busy ? "true" : "false"}
          @change=${(e: Event) => void this.choose((e.target as HTMLSelectElement).value)}
        >
          ${accounts.map((a) => html`<option value=${a.id} ?selected=${a.id === current}>${a.name} (${a.role === "owner" ? t.switcher.owner : t.switcher.member})</option>`)}
        </select>
      </label>
      ${this.busy ? html`<span class="muted" role="status">${t.switcher.switching}</span>` : nothing} ${error}`;
  }
}
