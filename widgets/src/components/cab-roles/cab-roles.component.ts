import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { accessApi, type Role } from "../../access/access-api.js";
import { AccessElement, rightActions, sections } from "../../access/access-element.js";
import type { AccessT } from "../../i18n/access.js";
import { describeError } from "../../i18n/index.js";
import { renderFailure } from "../../runtime/list-parts.js";
import type { RightAction, Rights, Section } from "../../runtime/rights.js";
import { widgetBlocks } from "../../theme/blocks.js";
import { styles } from "./cab-roles.styles.js";

/** A role being edited: its name and its rights table (`new` for one not created yet). */
interface Draft {
  key: string;
  name: string;
  rights: Rights;
}

const withRight = (rights: Rights, section: Section, action: RightAction, on: boolean): Rights => {
  const actions = new Set(rights[section] ?? []);
  if (on) actions.add(action);
  else actions.delete(action);
  // Any action in a section implies seeing it, as the server reads it.
  if (on && action !== "view") actions.add("view");
  return { ...rights, [section]: rightActions.filter((a) => actions.has(a)) };
};

/**
 * The account's roles, for its owner: the built-in templates (accountant, system administrator,
 * viewer) shown read-only, and the account's own roles with their rights table — a section per
 * row, an action per column (view, order, change, delete, pay, export) — created, renamed,
 * changed and deleted here. Holders have the new rights at their next request.
 *
 * @event cab-role-saved - `detail: { role }` after a role was created or changed. Bubbles, is composed.
 *
 * @csspart heading - The headings.
 * @csspart role - One role's card; `data-role` is its key.
 * @csspart rights - A rights table.
 * @csspart editor - The form of a role being created or changed.
 * @csspart notice - Confirmations (`role="status"`).
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons.
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - The "only the owner" message.
 *
 * @cssproperty --cab-color-primary - Buttons and ticked rights. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-roles></cab-roles>
 * ```
 *
 * @tag cab-roles
 */
export class CabRoles extends AccessElement {
  static override styles = [...widgetBlocks, styles];
  protected override readonly ownerOnly = true;

  private readonly roles = this.resource(async (api, c, signal) => (await accessApi.roles(api, c, signal)).items);
  @state() private draft: Draft | null = null;
  /** The last write's refusal (a save or a deletion). */
  @state() private error: unknown = null;
  @state() private notice: string | null = null;

  protected override labels(t: AccessT) {
    return { title: t.roles.title, signedOut: t.roles.signedOut, forbidden: t.roles.forbidden };
  }

  protected override reload(): void {
    void this.roles.load();
  }

  protected override clear(): void {
    this.draft = null;
    this.error = null;
    this.notice = null;
  }

  private save(event: Event) {
    event.preventDefault();
    const draft = this.draft;
    if (!draft || this.busy) return;
    this.busy = "save";
    this.error = null;
    this.notice = null;
    const body = { name: draft.name.trim(), rights: draft.rights };
    void this.cabinet.session
      .call((api, c) => (draft.key === "new" ? accessApi.createRole(api, body, c) : accessApi.updateRole(api, draft.key, body, c)))
      .then(
        async (role) => {
          this.draft = null;
          this.notice = this.t.roles.saved;
          this.emit("cab-role-saved", { role });
          await this.roles.load();
        },
        (cause: unknown) => {
          this.noteFailure(cause);
          this.error = cause;
        },
      )
      .finally(() => (this.busy = null));
  }

  private deleteRole(role: Role) {
    if (this.busy || !confirm(this.t.roles.confirmDelete(role.name))) return;
    this.busy = `delete:${role.key}`;
    this.error = null;
    void this.cabinet.session
      .call((api, c) => accessApi.deleteRole(api, role.key, c))
      .then(
        () => this.roles.load(),
        (cause: unknown) => {
          this.noteFailure(cause);
          this.error = cause;
        },
      )
      .finally(() => (this.busy = null));
  }

  protected override renderContent(t: AccessT): TemplateResult {
    const roles = this.roles.value;
    return html`
      <div class="header">
        <h2 class="heading" part="heading">${t.roles.title}</h2>
        ${
          roles && !this.draft
            ? html`<button class="button" part="button" type="button" @click=${() => (this.draft = { key: "new", name: "", rights: {} })}>
                ${t.roles.newRole}
              </button>`
            : nothing
        }
      </div>
      <p class="hint">${t.roles.intro}</p>
      ${this.roles.error ? renderFailure(t, this.roles.error, () => void this.roles.load()) : nothing}
      ${this.error ? html`<p class="error" part="error" role="alert">${describeError(t, this.error)}</p>` : nothing}
      ${this.notice ? html`<p class="notice" part="notice" role="status">${this.notice}</p>` : nothing}
      ${this.draft?.key === "new" ? this.renderEditor(t, this.draft) : nothing}
      ${
        roles
          ? html`<ul class="plain">
              ${roles.map((r) => this.renderRole(t, r))}
            </ul>`
          : this.roles.error
            ? nothing
            : html`<p class="notice" role="status">${t.common.loading}</p>`
      }
    `;
  }

  private renderRole(t: AccessT, role: Role) {
    const name = this.roleName(role.key, new Map([[role.key, role.name]]));
    if (this.draft?.key === role.key) return html`<li>${this.renderEditor(t, this.draft)}</li>`;
    return html`<li class="card" part="role" data-role=${role.key}>
      <div class="row">
        <h3 class="subheading">${name}</h3>
        ${role.builtIn ? html`<span class="badge">${t.roles.builtIn}</span>` : nothing}
        <span class="muted">${t.roles.holders(role.holders)}</span>
      </div>
      ${this.renderTable(t, name, role.rights, null)}
      ${
        role.builtIn
          ? nothing
          : html`<div class="actions">
              <button
                class="button secondary small"
                part="button"
                type="button"
                ?disabled=${this.busy !== null || this.draft !== null}
                @click=${() => (this.draft = { key: role.key, name: role.name, rights: role.rights })}
              >
                ${t.users.edit}
              </button>
              <button class="button secondary small danger" part="button" type="button" ?disabled=${this.busy !== null} @click=${() => this.deleteRole(role)}>
                ${t.roles.delete}
              </button>
            </div>`
      }
    </li>`;
  }

  /** The rights table: read-only marks, or checkboxes that change `onChange`'s draft. */
  private renderTable(t: AccessT, name: string, rights: Rights, onChange: ((section: Section, action: RightAction, on: boolean) => void) | null) {
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.roles.rightsOf(name)}>
      <table class="rights" part="rights">
        <thead>
          <tr>
            <td></td>
            ${rightActions.map((a) => html`<th scope="col">${t.rights.actions[a]}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${sections.map(
            (s) =>
              html`<tr>
                <th scope="row">${t.rights.sections[s]}</th>
                ${rightActions.map((a) => {
                  const held = rights[s]?.includes(a) ?? false;
                  const label = t.roles.grant(t.rights.sections[s], t.rights.actions[a]);
                  return html`<td>
                    ${
                      onChange
                        ? html`<input
                            type="checkbox"
                            aria-label=${label}
                            data-right="${s}:${a}"
                            .checked=${held}
                            @change=${(e: Event) => onChange(s, a, (e.target as HTMLInputElement).checked)}
                          />`
                        : held
                          ? html`<span role="img" aria-label=${label}>✓</span>`
                          : html`<span class="muted" aria-hidden="true">–</span>`
                    }
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderEditor(t: AccessT, draft: Draft) {
    return html`<form class="box" part="editor" @submit=${this.save}>
      <label class="field"
        ><span>${t.roles.name}</span>
        <input
          class="input"
          required
          maxlength="80"
          .value=${draft.name}
          @input=${(e: Event) => (this.draft = { ...draft, name: (e.target as HTMLInputElement).value })}
      /></label>
      ${this.renderTable(t, draft.name || t.roles.newRole, draft.rights, (s, a, on) => (this.draft = { ...draft, rights: withRight(draft.rights, s, a, on) }))}
      <div class="actions">
        <button class="button" part="button" type="submit" ?disabled=${this.busy !== null}>${draft.key === "new" ? t.roles.create : t.roles.save}</button>
        <button class="button secondary" part="button" type="button" @click=${() => (this.draft = null)}>${t.users.cancel}</button>
      </div>
    </form>`;
  }
}
