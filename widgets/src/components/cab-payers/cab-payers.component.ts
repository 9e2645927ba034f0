import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { billingStyles } from "../../billing/billing.styles.js";
import { payersApi } from "../../billing/payers-api.js";
import { payerKinds, type Payer, type PayerBody, type PayerKind, type Permission } from "../../runtime/api-types.js";
import { describeError, type Locale } from "../../i18n/index.js";
import { payersStrings, type PayersT } from "../../i18n/payers.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import { GatedElement } from "../../runtime/gated-element.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { styles } from "./cab-payers.styles.js";

/** `cab-payer-saved`: a payer as the server keeps it, after it was added, changed or made the default. */
export interface PayerSavedDetail {
  payer: Payer;
}

/** `cab-payer-deleted`: the id of the payer deleted. */
export interface PayerDeletedDetail {
  payerId: string;
}

/** The form's fields, as typed (empty strings for what is not given). */
interface Draft {
  kind: PayerKind;
  name: string;
  address: string;
  country: string;
  registrationNumber: string;
  vatNumber: string;
  email: string;
  makeDefault: boolean;
}

const emptyDraft = (): Draft => ({ kind: "company", name: "", address: "", country: "", registrationNumber: "", vatNumber: "", email: "", makeDefault: false });

const draftOf = (p: Payer): Draft => ({
  kind: p.kind,
  name: p.name,
  address: p.address,
  country: p.country ?? "",
  registrationNumber: p.registrationNumber ?? "",
  vatNumber: p.vatNumber ?? "",
  email: p.email ?? "",
  makeDefault: false,
});

/** What to send: trimmed, the country upper case, empty optional fields as null; no business numbers for a person. */
export function bodyOf(draft: Draft): PayerBody {
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  const business = draft.kind !== "individual";
  return {
    kind: draft.kind,
    name: draft.name.trim(),
    address: draft.address.trim(),
    country: draft.country.trim().toUpperCase(),
    registrationNumber: business ? optional(draft.registrationNumber) : null,
    vatNumber: business ? optional(draft.vatNumber) : null,
    email: optional(draft.email),
  };
}

/** The country's name in the widget's language, else its code. */
function countryName(locale: Locale, code: string | null): string {
  if (!code) return "";
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Who the account's invoices and documents are made out to: its payers — individuals,
 * companies and sole proprietors with their legal details (address, country, registration and
 * VAT numbers, an e-mail for documents) — one of them the default. Add, edit, make default and
 * delete; the default payer and a payer with open invoices cannot be deleted (the widget says
 * why). A new account starts with a payer made from its profile, to be completed.
 *
 * Needs the `finance` section: seeing takes `view`, changing takes `pay` (an accountant).
 *
 * @slot heading - Replaces the heading ("Payers").
 *
 * @event cab-payer-saved - `detail: { payer }` after a payer was added, changed or made the default. Bubbles, is composed.
 * @event cab-payer-deleted - `detail: { payerId }`. Bubbles, is composed.
 *
 * @csspart heading - The default heading.
 * @csspart list - The `<ul>` of payers.
 * @csspart item - One payer.
 * @csspart badge - The "Default" badge.
 * @csspart form - The add / edit form.
 * @csspart add - The "Add a payer" button.
 * @csspart button - Every other button.
 * @csspart status - What was just done ("saved", "deleted"), announced politely.
 * @csspart error - A failure (`role="alert"`).
 *
 * @cssproperty --cab-color-primary - Buttons and the default badge. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-payers></cab-payers>
 * ```
 *
 * @tag cab-payers
 */
export class CabPayers extends GatedElement<PayersT> {
  static override styles = [billingStyles, styles];

  protected override readonly permission: Permission = "finance";

  private readonly payers = this.resource(async (api, c, signal) => (await payersApi.list(api, c, signal)).items);
  /** The form: a new payer (`id` null) or one being edited. */
  @state() private editing: { id: string | null; draft: Draft } | null = null;
  @state() private confirmingDelete: string | null = null;
  @state() private busy = false;
  @state() private actionError: unknown = null;
  @state() private status = "";

  protected override stringsFor(locale: Locale): PayersT {
    return payersStrings(locale);
  }

  protected override labels(t: PayersT) {
    return { title: t.payers.title, signedOut: t.payers.signedOut, forbidden: t.payers.forbidden };
  }

  protected override reload(): void {
    void this.payers.load();
  }

  protected override clear(): void {
    this.editing = null;
    this.confirmingDelete = null;
    this.actionError = null;
    this.status = "";
  }

  /** Runs a change, then loads the list again; a refusal stays on screen, in words. */
  private async act(work: () => Promise<string>): Promise<boolean> {
    this.busy = true;
    this.actionError = null;
    this.status = "";
    try {
      this.status = await work();
      await this.payers.load();
      return true;
    } catch (cause) {
      this.noteFailure(cause);
      this.actionError = cause;
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const editing = this.editing;
    if (!editing || this.busy) return;
    const body = bodyOf(editing.draft);
    const done = await this.act(async () => {
      const payer = await this.cabinet.session.call((api, c) =>
        editing.id ? payersApi.update(api, c, editing.id, body) : payersApi.create(api, c, { ...body, makeDefault: editing.draft.makeDefault || undefined }),
      );
      this.emit<PayerSavedDetail>("cab-payer-saved", { payer });
      return this.t.payers.saved(payer.name);
    });
    if (done) this.editing = null;
  }

  private async makeDefault(payer: Payer): Promise<void> {
    await this.act(async () => {
      const saved = await this.cabinet.session.call((api, c) => payersApi.makeDefault(api, c, payer.id));
      this.emit<PayerSavedDetail>("cab-payer-saved", { payer: saved });
      return this.t.payers.saved(saved.name);
    });
  }

  private async deletePayer(payer: Payer): Promise<void> {
    const done = await this.act(async () => {
      await this.cabinet.session.call((api, c) => payersApi.remove(api, c, payer.id));
      this.emit<PayerDeletedDetail>("cab-payer-deleted", { payerId: payer.id });
      return this.t.payers.deleted(payer.name);
    });
    if (done) this.confirmingDelete = null;
  }

  /** A refusal in the words of this widget where it has them, else the shared ones. */
  private describe(t: PayersT, error: unknown): string {
    if (error instanceof CabinetApiError) {
      const details = error.details as { reason?: string; openInvoices?: number; country?: string; errors?: { path?: string }[] };
      if (error.code === "CAB_ERR_VALIDATION" && details.errors?.some((e) => e.path === "/vatNumber")) return t.payers.vatInvalid;
      if (details.reason === "country not served")
        return t.payers.countryNotServed(countryName(this.cabinet.settings.locale, details.country ?? null) || String(details.country));
      if (details.reason === "default payer") return t.payers.defaultNotDeletable;
      if (details.reason === "open invoices") return t.payers.openInvoices(details.openInvoices ?? 1);
    }
    return describeError(t, error);
  }

  private edit(id: string | null, draft: Draft): void {
    this.editing = { id, draft };
    this.confirmingDelete = null;
    this.actionError = null;
    this.status = "";
  }

  private change<K extends keyof Draft>(key: K, value: Draft[K]): void {
    if (this.editing) this.editing = { ...this.editing, draft: { ...this.editing.draft, [key]: value } };
  }

  protected override renderContent(t: PayersT): TemplateResult {
    return html`
      <div class="header">
        <slot name="heading"><h2 class="heading" part="heading">${t.payers.title}</h2></slot>
      </div>
      <p class="muted intro">${t.payers.intro}</p>
      ${this.payers.error ? renderFailure(t, this.payers.error, () => void this.payers.load()) : nothing}
      ${this.actionError ? html`<div class="error" part="error" role="alert"><span>${this.describe(t, this.actionError)}</span></div>` : nothing}
      <p class="saved" part="status" role="status">${this.status}</p>
      ${this.payers.value ? this.renderList(t, this.payers.value) : this.payers.error ? nothing : html`<p class="notice" role="status">${t.common.loading}</p>`}
      ${this.editing ? this.renderForm(t, this.editing.id, this.editing.draft) : this.payers.value ? html`<button class="button add" part="add" type="button" @click=${() => this.edit(null, emptyDraft())}>${t.payers.add}</button>` : nothing}
    `;
  }

  private renderList(t: PayersT, payers: Payer[]): TemplateResult {
    if (payers.length === 0) return html`<p class="notice">${t.payers.empty}</p>`;
    const locale = this.cabinet.settings.locale;
    return html`<ul class="payers" part="list">
      ${payers.map(
        (p) =>
          html`<li class="payer card" part="item">
            <div class="payer-head">
              <strong class="payer-name">${p.name}</strong>
              ${p.isDefault ? html`<span class="badge tone-success default" part="badge">${t.payers.isDefault}</span>` : nothing}
            </div>
            <p class="muted">${t.payers.kinds[p.kind]}</p>
            ${p.address || p.country ? html`<p>${[p.address, countryName(locale, p.country)].filter(Boolean).join(", ")}</p>` : html`<p class="hint">${t.payers.incomplete}</p>`}
            ${p.registrationNumber ? html`<p>${t.payers.registrationNumber}: ${p.registrationNumber}</p>` : nothing}
            ${p.vatNumber ? html`<p>${t.payers.vatNumber}: ${p.vatNumber}</p>` : nothing} ${p.email ? html`<p>${p.email}</p>` : nothing}
            ${
              this.confirmingDelete === p.id
                ? html`<div class="confirm" role="group" aria-label=${t.payers.confirmDelete(p.name)}>
                    <p>${t.payers.confirmDelete(p.name)}</p>
                    <div class="actions">
                      <button class="button small" part="button" type="button" ?disabled=${this.busy} @click=${() => this.deletePayer(p)}>
                        ${t.payers.confirm}
                      </button>
                      <button class="button secondary small" part="button" type="button" @click=${() => (this.confirmingDelete = null)}>
                        ${t.payers.cancel}
                      </button>
                    </div>
                  </div>`
                : html`<div class="actions">
                    <button class="button secondary small" part="button" type="button" ?disabled=${this.busy} @click=${() => this.edit(p.id, draftOf(p))}>
                      ${t.payers.edit}
                    </button>
                    ${
                      p.isDefault
                        ? nothing
                        : html`<button class="button secondary small" part="button" type="button" ?disabled=${this.busy} @click=${() => this.makeDefault(p)}>
                              ${t.payers.makeDefault}
                            </button>
                            <button
                              class="button secondary small"
                              part="button"
                              type="button"
                              ?disabled=${this.busy}
                              @click=${() => ((this.confirmingDelete = p.id), (this.actionError = null))}
                            >
                              ${t.payers.delete}
                            </button>`
                    }
                  </div>`
            }
          </li>`,
      )}
    </ul>`;
  }

  private renderForm(t: PayersT, id: string | null, d: Draft): TemplateResult {
    const business = d.kind !== "individual";
    const title = id ? t.payers.editTitle(d.name) : t.payers.newTitle;
    const vatRefused = this.actionError instanceof CabinetApiError && this.describe(t, this.actionError) === t.payers.vatInvalid;
    const field = (
      key: string,
      label: string,
      control: (describedBy: string | undefined) => TemplateResult,
      options: { required?: boolean; hint?: string } = {},
    ) => html`
      <div class="field">
        <label for=${`payer-${key}`}>${label}${options.required ? nothing : html` <span class="muted">(${t.payers.optional})</span>`}</label>
        ${control(options.hint ? `payer-${key}-hint` : undefined)}
        ${options.hint ? html`<span class="hint" id=${`payer-${key}-hint`}>${options.hint}</span>` : nothing}
      </div>
    `;
    const input = (
      key: "name" | "country" | "registrationNumber" | "vatNumber" | "email",
      label: string,
      options: { required?: boolean; hint?: string; type?: string; maxlength?: number; autocomplete?: string; invalid?: boolean } = {},
    ) =>
      field(
        key,
        label,
        (describedBy) =>
          html`<input
            class="input"
            id=${`payer-${key}`}
            name=${key}
            type=${options.type ?? "text"}
            .value=${d[key]}
            ?required=${options.required ?? false}
            maxlength=${options.maxlength ?? 200}
            autocomplete=${options.autocomplete ?? "off"}
            aria-invalid=${options.invalid ? "true" : "false"}
            aria-describedby=${describedBy ?? nothing}
            @input=${(e: Event) => this.change(key, (e.target as HTMLInputElement).value)}
          />`,
        options,
      );
    return html`<form class="payer-form card" part="form" aria-label=${title} @submit=${this.save}>
      <h3 class="subheading">${title}</h3>
      ${field(
        "kind",
        t.payers.kind,
        () =>
          html`<select
            class="input"
            id="payer-kind"
            name="kind"
            .value=${d.kind}
            @change=${(e: Event) => this.change("kind", (e.target as HTMLSelectElement).value as PayerKind)}
          >
            ${payerKinds.map((k) => html`<option value=${k} ?selected=${k === d.kind}>${t.payers.kinds[k]}</option>`)}
          </select>`,
        { required: true },
      )}
      ${input("name", t.payers.name, { required: true, hint: business ? t.payers.nameHintCompany : undefined, autocomplete: business ? "organization" : "name" })}
      ${field(
        "address",
        t.payers.address,
        () =>
          html`<textarea
            class="input"
            id="payer-address"
            name="address"
            rows="2"
            required
            maxlength="500"
            autocomplete="street-address"
            .value=${d.address}
            @input=${(e: Event) => this.change("address", (e.target as HTMLTextAreaElement).value)}
          ></textarea>`,
        { required: true },
      )}
      ${input("country", t.payers.country, { required: true, hint: t.payers.countryHint, maxlength: 2, autocomplete: "country" })}
      ${business ? input("registrationNumber", t.payers.registrationNumber, { maxlength: 100 }) : nothing}
      ${business ? input("vatNumber", t.payers.vatNumber, { hint: t.payers.vatHint, maxlength: 32, invalid: vatRefused }) : nothing}
      ${input("email", t.payers.email, { type: "email", maxlength: 254, autocomplete: "email" })}
      ${
        id
          ? nothing
          : html`<label class="radio"
              ><input
                type="checkbox"
                name="makeDefault"
                .checked=${d.makeDefault}
                @change=${(e: Event) => this.change("makeDefault", (e.target as HTMLInputElement).checked)}
              />
              ${t.payers.makeDefaultOnSave}</label
            >`
      }
      <div class="actions">
        <button class="button" part="button" type="submit" ?disabled=${this.busy}>${this.busy ? t.payers.saving : t.payers.save}</button>
        <button class="button secondary" part="button" type="button" @click=${() => ((this.editing = null), (this.actionError = null))}>
          ${t.payers.cancel}
        </button>
      </div>
    </form>`;
  }
}
