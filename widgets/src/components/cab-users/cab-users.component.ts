import { html, nothing, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { html as staticHtml } from "lit/static-html.js";
import { accessApi } from "../../access/access-api.js";
import { AccessElement } from "../../access/access-element.js";
import type { AccessT } from "../../i18n/access.js";
import { describeError } from "../../i18n/index.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { siblingTag } from "../../runtime/sub-element.js";
import { widgetBlocks } from "../../theme/blocks.js";
import { styles } from "./cab-users.styles.js";
import type { Directory, UsersWriteDetail } from "./users-part.js";
import "./users-create.js";
import "./users-invitations.js";
import "./users-invite.js";
import "./users-members.js";
import "./invitation-accept.js";

/**
 * The people of the account, for its owner: each with their roles, the services they are
 * limited to and their status; change their access, disable, enable or remove them, or hand
 * the account over to one of them (with the owner's password). Invite a person by e-mail with
 * a role and an optional service scope, or create a user with a password to hand over; the
 * invitations with their status, resent or revoked.
 *
 * On the page an invitation e-mail opens (`?invitation=cabi_…` in the address, or the
 * `invitation` attribute) it shows that invitation instead, to anyone: accept it signed in
 * (one more account for this login), or with a new login — a name and a password, a passkey
 * ("Create with a passkey"), or "Continue with …" one of the brand's external providers, whose
 * round trip comes back to this page and ends here, signed in to the inviting account.
 *
 * Users without owner rights see why they cannot manage users (`part="forbidden"`).
 *
 * @event cab-user-invited - `detail: { invitation }` after an invitation was sent. Bubbles, is composed.
 * @event cab-invitation-accepted - `detail: { accountId }` after the visitor accepted an invitation (and is signed in). Bubbles, is composed.
 *
 * @csspart heading - The headings.
 * @csspart members - The table of people; `member` one row.
 * @csspart invite - The invitation form; `create` the form that creates a user with a password.
 * @csspart invitations - The invitations list.
 * @csspart access-form - The form that changes a user's roles and services.
 * @csspart transfer - The ownership transfer form.
 * @csspart accept - The invitation the visitor opened, with its accept buttons.
 * @csspart badge - Status badges.
 * @csspart notice - Confirmations (`role="status"`).
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons.
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - The "only the owner" message.
 *
 * @cssproperty --cab-color-primary - Buttons. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-users></cab-users>
 * ```
 *
 * @tag cab-users
 */
export class CabUsers extends AccessElement {
  static override styles = [...widgetBlocks, styles];
  protected override readonly ownerOnly = true;

  /** An invitation token to show; defaults to the address's `?invitation=`. */
  @property() invitation: string | null = null;

  /** The people, roles, invitations and services, loaded together: every part needs some of them. */
  private readonly directory = this.resource(async (api, c, signal): Promise<Directory> => {
    const [members, roles, invitations, services] = await Promise.all([
      accessApi.members(api, c, signal),
      accessApi.roles(api, c, signal),
      accessApi.invitations(api, c, signal),
      api.listServices({ limit: 100 }, c, signal),
    ]);
    return { members: members.items, roles: roles.items, invitations: invitations.items, services: services.items.filter((s) => s.status !== "deleted") };
  });
  /** The last write's refusal. */
  @state() private error: unknown = null;
  @state() private notice: string | null = null;
  /** The invitation view accepted the invitation: it stays on screen, though the link has left the address. */
  @state() private invitationAccepted = false;

  private get token(): string | null {
    const token = this.invitation ?? new URLSearchParams(window.location.search).get("invitation");
    return token && /^cabi_[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
  }

  /** Showing an invitation (its link in the address, or just accepted) rather than the account's people. */
  private get showingInvitation(): boolean {
    return this.token !== null || this.invitationAccepted;
  }

  protected override get access() {
    // An invitation link is for anyone, signed in or not.
    if (this.showingInvitation && this.cabinet.session.state.status !== "restoring") return "granted";
    return super.access;
  }

  protected override labels(t: AccessT) {
    return { title: t.users.title, signedOut: t.users.signedOut, forbidden: t.users.forbidden };
  }

  protected override reload(): void {
    if (this.showingInvitation) return;
    void this.directory.load();
  }

  protected override clear(): void {
    this.error = null;
    this.notice = null;
  }

  private async run(key: string, work: () => Promise<string | null | void>): Promise<void> {
    if (this.busy) return;
    this.busy = key;
    this.error = null;
    this.notice = null;
    try {
      this.notice = (await work()) ?? null;
    } catch (cause) {
      this.noteFailure(cause);
      this.error = cause;
    } finally {
      this.busy = null;
    }
  }

  /** A part's write (`users-write`): one at a time, its failure said above the parts, then what it asks for. */
  private async write(detail: UsersWriteDetail): Promise<boolean> {
    let done = false;
    await this.run(detail.key, async () => {
      const result = (await detail.work()) ?? {};
      const loaded = this.directory.value;
      if (result.invitations && loaded) this.directory.set({ ...loaded, invitations: result.invitations });
      if (result.reload) await this.directory.load(true);
      done = true;
      return result.notice;
    });
    return done;
  }

  /** The parts ask here (their events stay in the shadow root). */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    root.addEventListener("users-write", (event) => {
      const { detail } = event as CustomEvent<UsersWriteDetail>;
      detail.done = this.write(detail);
    });
    return root;
  }

  // ---- rendering ----------------------------------------------------------------------------

  protected override renderContent(t: AccessT): TemplateResult {
    const token = this.token;
    if (this.showingInvitation) return this.renderInvitation(t, token);
    const loaded = this.directory.value;
    return html`
      <h2 class="heading" part="heading">${t.users.title}</h2>
      ${this.directory.error ? renderFailure(t, this.directory.error, () => void this.directory.load()) : nothing}
      ${this.error ? html`<p class="error" part="error" role="alert">${describeError(t, this.error)}</p>` : nothing}
      ${this.notice ? html`<p class="notice" part="notice" role="status">${this.notice}</p>` : nothing}
      ${
        loaded
          ? html`${this.renderPart("cab-users-members", loaded)} ${this.renderPart("cab-users-invite", loaded)}
            ${this.renderPart("cab-users-invitations", loaded)} ${this.renderPart("cab-users-create", loaded)}`
          : this.directory.error
            ? nothing
            : html`<p class="notice" role="status">${t.common.loading}</p>`
      }
    `;
  }

  /** One of the internal parts (`cab-users-members`…), under this widget's own prefix, given what it shows and the state of the writes. */
  private renderPart(tag: string, directory: Directory): TemplateResult {
    const name = siblingTag(this, "cab-users", tag);
    return staticHtml`<${name} .t=${this.t} .locale=${this.cabinet.settings.locale} .session=${this.cabinet.session} .directory=${directory}
      .busy=${this.busy}></${name}>`;
  }

  /** The invitation the page was opened with: its own internal element (`invitation-accept.ts`), under this widget's prefix. */
  private renderInvitation(t: AccessT, token: string | null) {
    const name = siblingTag(this, "cab-users", "cab-users-invitation");
    // Accepted: the link has left the address; the element keeps what it said.
    return staticHtml`<${name} .token=${token} .t=${t} .locale=${this.cabinet.settings.locale} .session=${this.cabinet.session} .me=${this.cabinet.session.me}
      @cab-invitation-accepted=${() => (this.invitationAccepted = true)}></${name}>`;
  }
}
