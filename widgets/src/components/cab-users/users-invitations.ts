import { html, nothing } from "lit";
import { accessApi, type Invitation } from "../../access/access-api.js";
import { defineElement } from "../../runtime/define-element.js";
import { renderBadge } from "../../runtime/list-parts.js";
import { UsersPart } from "./users-part.js";

const invitationTones = { pending: "warning", accepted: "success", revoked: "neutral", expired: "neutral" } as const;

/** `<cab-users>`'s invitations: each with its roles and status, resent or revoked. Internal. */
export class CabUsersInvitations extends UsersPart {
  protected override render() {
    const t = this.t;
    const { invitations } = this.directory;
    const button = (i: Invitation, action: "resend" | "revoke") =>
      html`<button class="button secondary small" part="button" type="button" ?disabled=${this.busy !== null} @click=${() => this.act(i, action)}>
        ${t.users[action]}
      </button>`;
    return html`<section class="stack" part="invitations" aria-labelledby="users-invitations">
      <h3 class="subheading" id="users-invitations">${t.users.invitationsTitle}</h3>
      ${
        invitations.length === 0
          ? html`<p class="muted">${t.users.invitationsEmpty}</p>`
          : html`<ul class="plain">
              ${invitations.map(
                (i) =>
                  html`<li class="row" data-invitation=${i.id} data-email=${i.email}>
                    <strong>${i.email}</strong>
                    <span>${i.roles.map((r) => this.roleName(r)).join(", ")}</span>
                    ${renderBadge(invitationTones[i.status], i.status, t.users.invitationStatus[i.status])}
                    ${i.status === "pending" ? html`<span class="muted">${t.users.expires(this.date(i.expiresAt))}</span>` : nothing}
                    ${i.status === "pending" || i.status === "expired" ? button(i, "resend") : nothing}
                    ${i.status === "pending" ? button(i, "revoke") : nothing}
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  private act(invitation: Invitation, action: "resend" | "revoke"): void {
    void this.write(`${action}:${invitation.id}`, async () => {
      const session = this.session;
      if (action === "resend") await session.call((api, c) => accessApi.resend(api, invitation.id, c));
      else await session.call((api, c) => accessApi.revoke(api, invitation.id, c));
      const { items } = await session.call((api, c) => accessApi.invitations(api, c));
      return { notice: action === "resend" ? this.t.users.resent(invitation.email) : null, invitations: items };
    });
  }
}

defineElement("cab-users-invitations", CabUsersInvitations);
