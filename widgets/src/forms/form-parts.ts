import { html, nothing, type TemplateResult } from "lit";

/** One labelled text field: what it says, its value and what typing does, and the input's attributes. */
export interface FieldOptions {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "email" | "password";
  required?: boolean;
  maxlength?: number;
  autocomplete?: string;
  inputmode?: string;
  /** The input's `part` (a host page styles it, a test finds it). */
  part?: string;
  /** `data-proof`: which form's re-authentication the field belongs to, where a widget has several. */
  proof?: string;
}

/** A labelled input (`<label class="field"><span>…</span><input class="input">`): the one shape of the widgets' typed-in fields. */
export function renderField(o: FieldOptions): TemplateResult {
  return html`<label class="field"
    ><span>${o.label}</span
    ><input
      class="input"
      part=${o.part ?? nothing}
      type=${o.type ?? "text"}
      ?required=${o.required ?? false}
      autocomplete=${o.autocomplete ?? nothing}
      inputmode=${o.inputmode ?? nothing}
      maxlength=${o.maxlength ?? nothing}
      data-proof=${o.proof ?? nothing}
      .value=${o.value}
      @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
  /></label>`;
}

type ReauthField = Omit<FieldOptions, "type" | "autocomplete" | "inputmode">;

/**
 * The current password and the second factor's code, which the server asks for again before a
 * sensitive change (binding a sign-in, a data export, a new user, a transfer): each shown when
 * given, typed as the browser's password managers and one-time-code fillers expect.
 */
export function renderReauthFields(o: { password?: ReauthField | null; code?: ReauthField | null }): TemplateResult {
  return html`${o.password ? renderField({ ...o.password, type: "password", autocomplete: "current-password" }) : nothing}
  ${o.code ? renderField({ ...o.code, inputmode: "numeric", autocomplete: "one-time-code" }) : nothing}`;
}
