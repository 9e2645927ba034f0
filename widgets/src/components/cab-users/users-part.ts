import { html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import type { Invitation, Member, MemberAccess, Role } from "../../access/access-api.js";
import { roleNameOf } from "../../access/access-element.js";
import type { AccessT } from "../../i18n/access.js";
import type { Locale } from "../../i18n/index.js";
import type { Service } from "../../runtime/api-types.js";
import { formatDate } from "../../runtime/format.js";
import { renderReauthFields } from "../../forms/form-parts.js";
import type { SessionStore } from "../../runtime/session-store.js";
import { SubElement } from "../../runtime/sub-element.js";

/** What `<cab-users>` loads, in one go: the people, the roles, the invitations and the services a scope can name. */
export interface Directory {
  members: Member[];
  roles: Role[];
  invitations: Invitation[];
  services: Service[];
}

/** What a write tells `<cab-users>` to do after it: what to say, the invitations as they are now, or to load everything again. */
export interface WriteResult {
  notice?: string | null;
  invitations?: Invitation[];
  reload?: boolean;
}

/**
 * `users-write`: a part asks `<cab-users>` to run `work` (one write at a time for the whole
 * widget, its failure said above the parts); `<cab-users>` puts in `done` whether it succeeded.
 */
export interface UsersWriteDetail {
  key: string;
  work: () => Promise<WriteResult | void>;
  done?: Promise<boolean>;
}

/** An access being chosen in a form: roles ticked, services ticked (none: every service). */
export interface Draft {
  roles: Set<string>;
  services: Set<string>;
}

export const emptyDraft = (roles: string[] = [], services: string[] | null = null): Draft => ({ roles: new Set(roles), services: new Set(services ?? []) });

export const accessOf = (draft: Draft): MemberAccess => ({ roles: [...draft.roles], serviceIds: draft.services.size ? [...draft.services] : null });

/** The owner's password and code, typed into one form (each form keeps its own, so one is never sent by another). */
export interface Proof {
  password: string;
  code: string;
}

export const noProof = (): Proof => ({ password: "", code: "" });

/** A proof as the API takes it (no empty code). */
export const proofBody = (proof: Proof): { password: string; code?: string } => ({
  password: proof.password,
  ...(proof.code.trim() ? { code: proof.code.trim() } : {}),
});

/**
 * One part of `<cab-users>` (the people, a form, the invitations): an internal element given
 * what the widget loaded, its strings and the state of the writes by properties, asking for its
 * writes by the `users-write` event; it renders into `<cab-users>`' shadow root ({@link SubElement}).
 */
export abstract class UsersPart extends SubElement {
  @property({ attribute: false }) t!: AccessT;
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) session!: SessionStore;
  @property({ attribute: false }) directory!: Directory;
  /** The write running now, if any: one at a time. */
  @property({ attribute: false }) busy: string | null = null;

  /** A role's name in the page's language (built-in ones translated). */
  protected roleName(key: string): string {
    return roleNameOf(this.t, key, new Map(this.directory.roles.map((r) => [r.key, r.name])));
  }

  protected date(iso: string): string {
    return formatDate(iso, this.locale);
  }

  /** Runs a write through `<cab-users>`; resolves whether it succeeded. */
  protected write(key: string, work: UsersWriteDetail["work"]): Promise<boolean> {
    const detail: UsersWriteDetail = { key, work };
    this.dispatchEvent(new CustomEvent<UsersWriteDetail>("users-write", { detail, bubbles: true }));
    return detail.done ?? Promise.resolve(false);
  }

  /** Roles as checkboxes and the service scope: what an invitation, a new user and an edit choose alike. */
  protected renderAccessFields(draft: Draft, onChange: (draft: Draft) => void, idPrefix: string): TemplateResult {
    const t = this.t;
    const { roles, services } = this.directory;
    /** One ticked box per choice, each adding its key to (or taking it from) `chosen`. */
    const boxes = (name: string, choices: { key: string; label: string }[], chosen: Set<string>, set: (next: Set<string>) => void) =>
      choices.map(
        (c) =>
          html`<label class="check"
            ><input
              type="checkbox"
              name="${idPrefix}-${name}"
              value=${c.key}
              .checked=${chosen.has(c.key)}
              @change=${(e: Event) => {
                const next = new Set(chosen);
                if ((e.target as HTMLInputElement).checked) next.add(c.key);
                else next.delete(c.key);
                set(next);
              }}
            />${c.label}</label
          >`,
      );
    return html`<fieldset class="choices">
        <legend>${t.users.rolesLabel}</legend>
        ${boxes(
          "role",
          roles.map((r) => ({ key: r.key, label: this.roleName(r.key) })),
          draft.roles,
          (next) => onChange({ ...draft, roles: next }),
        )}
      </fieldset>
      <fieldset class="choices">
        <legend>${t.users.scopeLabel}</legend>
        <p class="hint">${t.users.scopeHint}</p>
        ${services.length === 0 ? html`<p class="muted">${t.users.noServices}</p>` : nothing}
        ${boxes(
          "service",
          services.map((s) => ({ key: s.id, label: s.label ?? s.product.name })),
          draft.services,
          (next) => onChange({ ...draft, services: next }),
        )}
      </fieldset>`;
  }

  /** A form's buttons about one person: submit (`submitClass`) and cancel, which puts the form away. */
  protected renderFormActions(submit: string, submitClass: string, onCancel: () => void): TemplateResult {
    return html`<div class="actions">
      <button class=${submitClass} part="button" type="submit" ?disabled=${this.busy !== null}>${submit}</button>
      <button class="button secondary" part="button" type="button" @click=${onCancel}>${this.t.users.cancel}</button>
    </div>`;
  }

  /** The owner's password, and their code when a second factor is on: the server asks for them before anyone new gets in or the account changes hands. */
  protected renderProofFields(form: string, proof: Proof, onChange: (proof: Proof) => void): TemplateResult {
    const t = this.t;
    return renderReauthFields({
      password: {
        label: t.users.transferPassword,
        required: true,
        proof: form,
        value: proof.password,
        onInput: (password) => onChange({ ...proof, password }),
      },
      code: { label: t.users.transferCode, maxlength: 40, value: proof.code, onInput: (code) => onChange({ ...proof, code }) },
    });
  }
}
