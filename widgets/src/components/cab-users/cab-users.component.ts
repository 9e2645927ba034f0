import { html, nothing, type TemplateResult } from "lit";
import { html as staticHtml } from "lit/static-html.js";
import { property, state } from "lit/decorators.js";
import { accessApi, type Invitation, type Member, type MemberAccess, type Role } from "../../access/access-api.js";
import { AccessElement } from "../../access/access-element.js";
import type { AccessT } from "../../i18n/access.js";
import { describeError } from "../../i18n/index.js";
import type { Service } from "../../runtime/api-types.js";
import { renderBadge } from "../../runtime/list-parts.js";
import { siblingTag } from "../../runtime/sub-element.js";
import { widgetBlocks } from "../../theme/blocks.js";
import { styles } from "./cab-users.styles.js";
import "./invitation-accept.js";

const statusTones = { active: "success", suspended: "warning", removed: "neutral" } as const;
const invitationTones = { pending: "warning", accepted: "success", revoked: "neutral", expired: "neutral" } as const;

/** An access being chosen in a form: roles ticked, services ticked (none: every service). */
interface Draft {
  roles: Set<string>;
  services: Set<string>;
}

const emptyDraft = (roles: string[] = [], services: string[] | null = null): Draft => ({ roles: new Set(roles), services: new Set(services ?? []) });

/** The forms that ask for the owner's password (and code) again. */
type ProofForm = "invite" | "create" | "transfer";
interface Proof {
  password: string;
  code: string;
}
const noProof = (): Proof => ({ password: "", code: "" });
const accessOf = (draft: Draft): MemberAccess => ({ roles: [...draft.roles], serviceIds: draft.services.size ? [...draft.services] : null });

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

  @state() private members: Member[] | null = null;
  @state() private roles: Role[] = [];
  @state() private services: Service[] = [];
  @state() private invitations: Invitation[] = [];
  @state() private error: unknown = null;
  @state() private notice: string | null = null;
  @state() private editing: { id: string; draft: Draft } | null = null;
  @state() private transferring: string | null = null;
  @state() private invite = { email: "", draft: emptyDraft(["accountant"]) };
  @state() private create = { email: "", name: "", password: "", draft: emptyDraft(["accountant"]) };
  /** Each form its own proof (the owner's password and code): typed into one, it is not sent by another. */
  @state() private proofs: Record<ProofForm, Proof> = { invite: noProof(), create: noProof(), transfer: noProof() };
  /** The invitation view accepted the invitation: it stays on screen, though the link has left the address. */
  @state() private invitationAccepted = false;

  private loadRequest: AbortController | null = null;

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
    void this.load();
  }

  protected override clear(): void {
    this.loadRequest?.abort();
    this.members = null;
    this.roles = [];
    this.services = [];
    this.invitations = [];
    this.error = null;
    this.notice = null;
    this.editing = null;
    this.transferring = null;
  }

  private async load(): Promise<void> {
    this.loadRequest?.abort();
    const request = (this.loadRequest = new AbortController());
    const signal = request.signal;
    const session = this.cabinet.session;
    try {
      const [members, roles, invitations, services] = await Promise.all([
        session.call((api, c) => accessApi.members(api, c, signal)),
        session.call((api, c) => accessApi.roles(api, c, signal)),
        session.call((api, c) => accessApi.invitations(api, c, signal)),
        session.listServices({ limit: 100 }, signal),
      ]);
      if (signal.aborted) return;
      this.members = members.items;
      this.roles = roles.items;
      this.invitations = invitations.items;
      this.services = services.items.filter((s) => s.status !== "deleted");
      this.error = null;
    } catch (cause) {
      if (signal.aborted) return;
      this.noteFailure(cause);
      this.error = cause;
    }
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

  private get roleNames(): Map<string, string> {
    return new Map(this.roles.map((r) => [r.key, r.name]));
  }

  private serviceName(id: string): string {
    const s = this.services.find((x) => x.id === id);
    return s ? (s.label ?? s.product.name) : id;
  }

  // ---- actions ------------------------------------------------------------------------------

  private sendInvitation(event: Event) {
    event.preventDefault();
    const { email, draft } = this.invite;
    return this.run("invite", async () => {
      const sent = await this.cabinet.session.call((api, c) =>
        accessApi.invite(api, { email: email.trim(), ...accessOf(draft), ...this.proofBody("invite") }, c),
      );
      this.invite = { email: "", draft: emptyDraft(["accountant"]) };
      this.setProof("invite", noProof());
      this.invitations = [sent.invitation, ...this.invitations.filter((i) => i.id !== sent.invitation.id)];
      this.emit("cab-user-invited", { invitation: sent.invitation });
      return this.t.users.invited(sent.invitation.email);
    });
  }

  private createUser(event: Event) {
    event.preventDefault();
    const { email, name, password, draft } = this.create;
    const { password: currentPassword, ...code } = this.proofBody("create");
    return this.run("create", async () => {
      const created = await this.cabinet.session.call((api, c) =>
        accessApi.createUser(api, { email: email.trim(), name: name.trim(), password, ...accessOf(draft), currentPassword, ...code }, c),
      );
      this.create = { email: "", name: "", password: "", draft: emptyDraft(["accountant"]) };
      this.setProof("create", noProof());
      await this.load();
      return this.t.users.created(created.email);
    });
  }

  private saveAccess(event: Event, member: Member) {
    event.preventDefault();
    const draft = this.editing?.draft;
    if (!draft) return;
    return this.run(`access:${member.id}`, async () => {
      await this.cabinet.session.call((api, c) => accessApi.setAccess(api, member.id, accessOf(draft), c));
      this.editing = null;
      await this.load();
      return this.t.users.saved;
    });
  }

  private setStatus(member: Member, status: "active" | "suspended") {
    if (status === "suspended" && !confirm(this.t.users.confirmDisable(member.name))) return;
    return this.run(`status:${member.id}`, async () => {
      await this.cabinet.session.call((api, c) => accessApi.setStatus(api, member.id, status, c));
      await this.load();
    });
  }

  private removeMember(member: Member) {
    if (!confirm(this.t.users.confirmRemove(member.name))) return;
    return this.run(`remove:${member.id}`, async () => {
      await this.cabinet.session.call((api, c) => accessApi.remove(api, member.id, c));
      await this.load();
    });
  }

  private transfer(event: Event, member: Member) {
    event.preventDefault();
    const proof = this.proofBody("transfer");
    return this.run(`transfer:${member.id}`, async () => {
      await this.cabinet.session.call((api, c) => accessApi.transfer(api, member.id, proof, c));
      this.setProof("transfer", noProof());
      this.transferring = null;
      // No longer the owner: /me says so, and this widget shows its "owner only" message.
      const me = await this.cabinet.session.call((api, c) => api.me(c));
      this.cabinet.session.updateMe(me);
    });
  }

  private invitationAction(invitation: Invitation, action: "resend" | "revoke") {
    return this.run(`${action}:${invitation.id}`, async () => {
      const session = this.cabinet.session;
      if (action === "resend") await session.call((api, c) => accessApi.resend(api, invitation.id, c));
      else await session.call((api, c) => accessApi.revoke(api, invitation.id, c));
      this.invitations = (await session.call((api, c) => accessApi.invitations(api, c))).items;
      return action === "resend" ? this.t.users.resent(invitation.email) : null;
    });
  }

  // ---- rendering ----------------------------------------------------------------------------

  protected override renderContent(t: AccessT): TemplateResult {
    const token = this.token;
    if (this.showingInvitation) return this.renderInvitation(t, token);
    return html`
      <h2 class="heading" part="heading">${t.users.title}</h2>
      ${this.error ? html`<p class="error" part="error" role="alert">${describeError(t, this.error)}</p>` : nothing}
      ${this.notice ? html`<p class="notice" part="notice" role="status">${this.notice}</p>` : nothing}
      ${this.members ? this.renderMembers(t, this.members) : this.error ? nothing : html`<p class="notice" role="status">${t.common.loading}</p>`}
      ${this.members ? html`${this.renderInvite(t)} ${this.renderInvitations(t)} ${this.renderCreate(t)}` : nothing}
    `;
  }

  private renderMembers(t: AccessT, members: Member[]) {
    const me = this.cabinet.session.me;
    const others = members.filter((m) => m.status !== "removed");
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.users.title}>
        <table part="members">
          <thead>
            <tr>
              <th scope="col">${t.users.columns.person}</th>
              <th scope="col">${t.users.columns.roles}</th>
              <th scope="col">${t.users.columns.services}</th>
              <th scope="col">${t.users.columns.status}</th>
              <th scope="col">${t.users.columns.actions}</th>
            </tr>
          </thead>
          <tbody>
            ${others.map((m) => this.renderMember(t, m, m.id === me?.user.id))}
          </tbody>
        </table>
      </div>
      ${others.length <= 1 ? html`<p class="muted">${t.users.empty}</p>` : nothing}`;
  }

  private renderMember(t: AccessT, m: Member, self: boolean) {
    const names = this.roleNames;
    const roles = m.role === "owner" ? [t.rights.owner] : m.roles.map((r) => this.roleName(r, names));
    const busy = this.busy !== null;
    const editing = this.editing?.id === m.id;
    return html`<tr part="member" data-user=${m.id} data-email=${m.email}>
        <th scope="row">
          <strong>${m.name}</strong> ${self ? html`<span class="muted">${t.users.you}</span>` : nothing}<br /><span class="muted">${m.email}</span>
          ${m.mustChangePassword ? html`<br /><span class="hint">${t.users.mustChangePassword}</span>` : nothing}
        </th>
        <td>${roles.length ? roles.join(", ") : html`<span class="muted">${t.rights.none}</span>`}</td>
        <td>
          ${m.serviceScope === null ? t.users.allServices : html`<span title=${m.serviceScope.map((id) => this.serviceName(id)).join(", ")}>${t.users.someServices(m.serviceScope.length)}</span>`}
        </td>
        <td>${renderBadge(statusTones[m.status], m.status, t.users.status[m.status])}</td>
        <td>
          ${
            m.role === "owner"
              ? nothing
              : html`<div class="actions">
                  <button
                    class="button secondary small"
                    part="button"
                    type="button"
                    ?disabled=${busy}
                    aria-expanded=${editing ? "true" : "false"}
                    @click=${() => (this.editing = editing ? null : { id: m.id, draft: emptyDraft(m.roles, m.serviceScope) })}
                  >
                    ${t.users.edit}
                  </button>
                  ${
                    m.status === "active"
                      ? html`<button
                          class="button secondary small"
                          part="button"
                          type="button"
                          ?disabled=${busy}
                          @click=${() => this.setStatus(m, "suspended")}
                        >
                          ${t.users.disable}
                        </button>`
                      : html`<button class="button secondary small" part="button" type="button" ?disabled=${busy} @click=${() => this.setStatus(m, "active")}>
                          ${t.users.enable}
                        </button>`
                  }
                  <button class="button secondary small danger" part="button" type="button" ?disabled=${busy} @click=${() => this.removeMember(m)}>
                    ${t.users.remove}
                  </button>
                  ${
                    m.status === "active"
                      ? html`<button
                          class="link-button"
                          part="button"
                          type="button"
                          ?disabled=${busy}
                          aria-expanded=${this.transferring === m.id ? "true" : "false"}
                          @click=${() => (this.transferring = this.transferring === m.id ? null : m.id)}
                        >
                          ${t.users.makeOwner}
                        </button>`
                      : nothing
                  }
                </div>`
          }
        </td>
      </tr>
      ${
        editing
          ? html`<tr>
              <td colspan="5">${this.renderAccessForm(t, m)}</td>
            </tr>`
          : nothing
      }
      ${
        this.transferring === m.id
          ? html`<tr>
              <td colspan="5">${this.renderTransfer(t, m)}</td>
            </tr>`
          : nothing
      }`;
  }

  /** Roles as checkboxes and the service scope: what an invitation, a new user and an edit choose alike. */
  private renderAccessFields(t: AccessT, draft: Draft, onChange: (draft: Draft) => void, idPrefix: string) {
    const toggle = (set: Set<string>, key: string, on: boolean) => {
      const next = new Set(set);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    };
    const names = this.roleNames;
    return html`<fieldset class="choices">
        <legend>${t.users.rolesLabel}</legend>
        ${this.roles.map(
          (r) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name="${idPrefix}-role"
                value=${r.key}
                .checked=${draft.roles.has(r.key)}
                @change=${(e: Event) => onChange({ ...draft, roles: toggle(draft.roles, r.key, (e.target as HTMLInputElement).checked) })}
              />${this.roleName(r.key, names)}</label
            >`,
        )}
      </fieldset>
      <fieldset class="choices">
        <legend>${t.users.scopeLabel}</legend>
        <p class="hint">${t.users.scopeHint}</p>
        ${this.services.length === 0 ? html`<p class="muted">${t.users.noServices}</p>` : nothing}
        ${this.services.map(
          (s) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name="${idPrefix}-service"
                value=${s.id}
                .checked=${draft.services.has(s.id)}
                @change=${(e: Event) => onChange({ ...draft, services: toggle(draft.services, s.id, (e.target as HTMLInputElement).checked) })}
              />${s.label ?? s.product.name}</label
            >`,
        )}
      </fieldset>`;
  }

  private renderAccessForm(t: AccessT, m: Member) {
    const draft = this.editing!.draft;
    return html`<form class="box" part="access-form" @submit=${(e: Event) => this.saveAccess(e, m)}>
      ${this.renderAccessFields(t, draft, (next) => (this.editing = { id: m.id, draft: next }), `edit-${m.id}`)}
      <div class="actions">
        <button class="button" part="button" type="submit" ?disabled=${this.busy !== null}>${t.users.save}</button>
        <button class="button secondary" part="button" type="button" @click=${() => (this.editing = null)}>${t.users.cancel}</button>
      </div>
    </form>`;
  }

  private renderTransfer(t: AccessT, m: Member) {
    return html`<form class="box" part="transfer" @submit=${(e: Event) => this.transfer(e, m)}>
      <p>${t.users.transferIntro(m.name)}</p>
      ${this.renderProofFields(t, "transfer")}
      <div class="actions">
        <button class="button danger" part="button" type="submit" ?disabled=${this.busy !== null}>${t.users.transferSubmit}</button>
        <button class="button secondary" part="button" type="button" @click=${() => (this.transferring = null)}>${t.users.cancel}</button>
      </div>
    </form>`;
  }

  /** The owner's password, and their code when a second factor is on: the server asks for them before anyone new gets in or the account changes hands. */
  private renderProofFields(t: AccessT, form: ProofForm) {
    const proof = this.proofs[form];
    return html`<label class="field"
        ><span>${t.users.transferPassword}</span>
        <input
          class="input"
          type="password"
          required
          autocomplete="current-password"
          data-proof=${form}
          .value=${proof.password}
          @input=${(e: Event) => this.setProof(form, { ...proof, password: (e.target as HTMLInputElement).value })}
      /></label>
      <label class="field"
        ><span>${t.users.transferCode}</span>
        <input
          class="input"
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength="40"
          .value=${proof.code}
          @input=${(e: Event) => this.setProof(form, { ...proof, code: (e.target as HTMLInputElement).value })}
      /></label>`;
  }

  private setProof(form: ProofForm, proof: Proof): void {
    this.proofs = { ...this.proofs, [form]: proof };
  }

  /** A form's proof as the API takes it (no empty code). */
  private proofBody(form: ProofForm): { password: string; code?: string } {
    const proof = this.proofs[form];
    return { password: proof.password, ...(proof.code.trim() ? { code: proof.code.trim() } : {}) };
  }

  private renderInvite(t: AccessT) {
    const { email, draft } = this.invite;
    return html`<form class="box" part="invite" aria-labelledby="users-invite" @submit=${this.sendInvitation}>
      <h3 class="subheading" id="users-invite">${t.users.inviteTitle}</h3>
      <p class="hint">${t.users.inviteIntro}</p>
      <label class="field"
        ><span>${t.users.email}</span>
        <input
          class="input"
          type="email"
          required
          autocomplete="off"
          maxlength="254"
          .value=${email}
          @input=${(e: Event) => (this.invite = { ...this.invite, email: (e.target as HTMLInputElement).value })}
      /></label>
      ${this.renderAccessFields(t, draft, (next) => (this.invite = { ...this.invite, draft: next }), "invite")} ${this.renderProofFields(t, "invite")}
      <div>
        <button class="button" part="button" type="submit" ?disabled=${this.busy !== null || draft.roles.size === 0}>
          ${this.busy === "invite" ? t.users.inviting : t.users.invite}
        </button>
      </div>
    </form>`;
  }

  private renderCreate(t: AccessT) {
    const { email, name, password, draft } = this.create;
    const set = (patch: Partial<typeof this.create>) => (this.create = { ...this.create, ...patch });
    return html`<details class="box" part="create">
      <summary class="subheading">${t.users.createTitle}</summary>
      <form class="stack" @submit=${this.createUser}>
        <p class="hint">${t.users.createIntro}</p>
        <label class="field"
          ><span>${t.users.email}</span
          ><input
            class="input"
            type="email"
            required
            autocomplete="off"
            maxlength="254"
            .value=${email}
            @input=${(e: Event) => set({ email: (e.target as HTMLInputElement).value })}
        /></label>
        <label class="field"
          ><span>${t.users.name}</span
          ><input class="input" required maxlength="200" .value=${name} @input=${(e: Event) => set({ name: (e.target as HTMLInputElement).value })}
        /></label>
        <label class="field"
          ><span>${t.users.password}</span
          ><input
            class="input"
            type="text"
            required
            autocomplete="off"
            maxlength="256"
            .value=${password}
            @input=${(e: Event) => set({ password: (e.target as HTMLInputElement).value })}
        /></label>
        ${this.renderAccessFields(t, draft, (next) => set({ draft: next }), "create")} ${this.renderProofFields(t, "create")}
        <div>
          <button class="button secondary" part="button" type="submit" ?disabled=${this.busy !== null || draft.roles.size === 0}>${t.users.create}</button>
        </div>
      </form>
    </details>`;
  }

  private renderInvitations(t: AccessT) {
    const names = this.roleNames;
    return html`<section class="stack" part="invitations" aria-labelledby="users-invitations">
      <h3 class="subheading" id="users-invitations">${t.users.invitationsTitle}</h3>
      ${
        this.invitations.length === 0
          ? html`<p class="muted">${t.users.invitationsEmpty}</p>`
          : html`<ul class="plain">
              ${this.invitations.map(
                (i) =>
                  html`<li class="row" data-invitation=${i.id} data-email=${i.email}>
                    <strong>${i.email}</strong>
                    <span>${i.roles.map((r) => this.roleName(r, names)).join(", ")}</span>
                    ${renderBadge(invitationTones[i.status], i.status, t.users.invitationStatus[i.status])}
                    ${i.status === "pending" ? html`<span class="muted">${t.users.expires(this.date(i.expiresAt))}</span>` : nothing}
                    ${
                      i.status === "pending" || i.status === "expired"
                        ? html`<button
                            class="button secondary small"
                            part="button"
                            type="button"
                            ?disabled=${this.busy !== null}
                            @click=${() => this.invitationAction(i, "resend")}
                          >
                            ${t.users.resend}
                          </button>`
                        : nothing
                    }
                    ${
                      i.status === "pending"
                        ? html`<button
                            class="button secondary small"
                            part="button"
                            type="button"
                            ?disabled=${this.busy !== null}
                            @click=${() => this.invitationAction(i, "revoke")}
                          >
                            ${t.users.revoke}
                          </button>`
                        : nothing
                    }
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  /** The invitation the page was opened with: its own internal element (`invitation-accept.ts`), under this widget's prefix. */
  private renderInvitation(t: AccessT, token: string | null) {
    const name = siblingTag(this, "cab-users", "cab-users-invitation");
    // Accepted: the link has left the address; the element keeps what it said.
    return staticHtml`<${name} .token=${token} .t=${t} .locale=${this.cabinet.settings.locale} .session=${this.cabinet.session} .me=${this.cabinet.session.me}
      @cab-invitation-accepted=${() => (this.invitationAccepted = true)}></${name}>`;
  }
}
