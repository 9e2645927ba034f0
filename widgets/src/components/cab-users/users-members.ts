import { html, nothing } from "lit";
import { state } from "lit/decorators.js";
import { html as staticHtml } from "lit/static-html.js";
import { accessApi, type Member } from "../../access/access-api.js";
import { defineElement } from "../../runtime/define-element.js";
import { renderBadge } from "../../runtime/list-parts.js";
import { siblingTag } from "../../runtime/sub-element.js";
import { UsersPart } from "./users-part.js";
import "./users-access.js";
import "./users-transfer.js";

const statusTones = { active: "success", suspended: "warning", removed: "neutral" } as const;

/**
 * `<cab-users>`'s table of people: their roles, service scope and status, and what the owner can
 * do with each — change their access (the editor opens under their row), disable or enable,
 * remove, make owner (the transfer form opens under their row). Internal.
 */
export class CabUsersMembers extends UsersPart {
  /** The person whose access editor is open. */
  @state() private editing: string | null = null;
  /** The person the transfer form is open for. */
  @state() private transferring: string | null = null;

  protected override render() {
    const t = this.t;
    const me = this.session.me;
    const others = this.directory.members.filter((m) => m.status !== "removed");
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
            ${others.map((m) => this.renderMember(m, m.id === me?.user.id))}
          </tbody>
        </table>
      </div>
      ${others.length <= 1 ? html`<p class="muted">${t.users.empty}</p>` : nothing}`;
  }

  private serviceName(id: string): string {
    const s = this.directory.services.find((x) => x.id === id);
    return s ? (s.label ?? s.product.name) : id;
  }

  private renderMember(m: Member, self: boolean) {
    const t = this.t;
    const roles = m.role === "owner" ? [t.rights.owner] : m.roles.map((r) => this.roleName(r));
    const busy = this.busy !== null;
    const editing = this.editing === m.id;
    const transferring = this.transferring === m.id;
    /** One of the row's buttons; `expanded`: it opens (or closes) a form under the row. */
    const button = (label: string, onClick: () => void, o: { look?: string; expanded?: boolean } = {}) =>
      html`<button
        class=${o.look ?? "button secondary small"}
        part="button"
        type="button"
        ?disabled=${busy}
        aria-expanded=${o.expanded === undefined ? nothing : o.expanded ? "true" : "false"}
        @click=${onClick}
      >
        ${label}
      </button>`;
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
                  ${button(t.users.edit, () => (this.editing = editing ? null : m.id), { expanded: editing })}
                  ${m.status === "active" ? button(t.users.disable, () => this.setStatus(m, "suspended")) : button(t.users.enable, () => this.setStatus(m, "active"))}
                  ${button(t.users.remove, () => this.removeMember(m), { look: "button secondary small danger" })}
                  ${
                    m.status === "active"
                      ? button(t.users.makeOwner, () => (this.transferring = transferring ? null : m.id), { look: "link-button", expanded: transferring })
                      : nothing
                  }
                </div>`
          }
        </td>
      </tr>
      ${editing ? this.renderUnder("cab-users-access", m, () => (this.editing = null)) : nothing}
      ${transferring ? this.renderUnder("cab-users-transfer", m, () => (this.transferring = null)) : nothing}`;
  }

  /** A form about one person (their access, the transfer), in a row under theirs. */
  private renderUnder(tag: string, member: Member, close: () => void) {
    const name = siblingTag(this, "cab-users-members", tag);
    return staticHtml`<tr>
      <td colspan="5"><${name} .t=${this.t} .locale=${this.locale} .session=${this.session} .directory=${this.directory} .busy=${this.busy}
        .member=${member} .close=${close}></${name}></td>
    </tr>`;
  }

  private setStatus(member: Member, status: "active" | "suspended"): void {
    if (status === "suspended" && !confirm(this.t.users.confirmDisable(member.name))) return;
    void this.write(`status:${member.id}`, async () => {
      await this.session.call((api, c) => accessApi.setStatus(api, member.id, status, c));
      return { reload: true };
    });
  }

  private removeMember(member: Member): void {
    if (!confirm(this.t.users.confirmRemove(member.name))) return;
    void this.write(`remove:${member.id}`, async () => {
      await this.session.call((api, c) => accessApi.remove(api, member.id, c));
      return { reload: true };
    });
  }
}

defineElement("cab-users-members", CabUsersMembers);
