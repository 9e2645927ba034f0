import { html, nothing, type TemplateResult } from "lit";
import { countOf } from "../i18n/plural.js";
import type { ServicesT } from "../i18n/services.js";
import type { Money, ParameterDef, ParameterValue } from "../runtime/api-types.js";
import { numberFormat } from "../runtime/format.js";

export type ParameterValues = Record<string, ParameterValue>;

/** Every parameter at its default, as a new order starts. */
export function defaultsOf(defs: ParameterDef[]): ParameterValues {
  return Object.fromEntries(defs.map((d) => [d.key, d.default]));
}

/**
 * `values` over the defaults, keeping only the product's own keys: what an order or a change
 * sends (a service's parameters may lack one the product added later).
 */
export function withDefaults(defs: ParameterDef[], values: ParameterValues): ParameterValues {
  return Object.fromEntries(defs.map((d) => [d.key, Object.prototype.hasOwnProperty.call(values, d.key) ? values[d.key] : d.default]));
}

/** What is wrong with `value` for `def`, before asking the server: `range` for an integer off its range or step. */
export function parameterProblem(def: ParameterDef, value: ParameterValue | undefined): "range" | "invalid" | null {
  switch (def.kind) {
    case "integer": {
      if (typeof value !== "number" || !Number.isInteger(value) || value < def.min || value > def.max) return "range";
      // Integer arithmetic: the step is counted from the minimum, as the server counts it.
      return (value - def.min) % def.step === 0 ? null : "range";
    }
    case "enum":
      return typeof value === "string" && def.options.some((o) => o.value === value) ? null : "invalid";
    case "boolean":
      return typeof value === "boolean" ? null : "invalid";
  }
}

/** The first parameter `values` gets wrong, for a message; null when all are fine. */
export function firstProblem(defs: ParameterDef[], values: ParameterValues): ParameterDef | null {
  return defs.find((d) => parameterProblem(d, values[d.key]) !== null) ?? null;
}

/**
 * A parameter's value for people: "4 GB", "1 core", "Debian 12" (an option's label, never its
 * code), "Yes". A unit the widgets know is pluralised; another shows as the catalog writes it.
 */
export function formatParameter(t: ServicesT, def: ParameterDef | undefined, value: ParameterValue, locale: string): string {
  if (typeof value === "boolean") return value ? t.common.yes : t.common.no;
  if (typeof value === "number") {
    const unit = def?.kind === "integer" ? def.unit : "";
    const forms = unit ? t.svc.units[unit] : undefined;
    if (forms) return countOf(locale, value, forms);
    const number = numberFormat(locale).format(value);
    return unit ? `${number} ${unit}` : number;
  }
  if (def?.kind === "enum") return def.options.find((o) => o.value === value)?.label ?? value;
  return value;
}

export interface ParameterFieldsOptions {
  t: ServicesT;
  defs: ParameterDef[];
  values: ParameterValues;
  /** Keeps the ids of two forms on one page apart. */
  idPrefix: string;
  locale: string;
  money: (money: Money) => string;
  /** A message per parameter key (the server's 422 naming it, or the local range check). */
  problems: Record<string, string>;
  onChange: (key: string, value: ParameterValue) => void;
  disabled?: boolean;
}

/** The message for a parameter the client got wrong, in the widget's language. */
export function problemMessage(t: ServicesT, def: ParameterDef, locale: string): string {
  if (def.kind !== "integer") return t.svc.invalidParameter(def.label);
  const n = numberFormat(locale);
  return t.svc.outOfRange(def.label, n.format(def.min), n.format(def.max), n.format(def.step));
}

/**
 * The controls of a product's parameters: for an integer range a slider and a number field
 * (both with the range's step), for a choice a `<select>`, for an option a checkbox; each
 * with the catalog's monthly price beside it, and the problem, if any, under it.
 */
export function renderParameterFields(o: ParameterFieldsOptions): TemplateResult {
  return html`${o.defs.map((def) => renderField(o, def))}`;
}

function renderField(o: ParameterFieldsOptions, def: ParameterDef): TemplateResult {
  const { t } = o;
  const id = `${o.idPrefix}-${def.key}`;
  const problem = o.problems[def.key];
  const described = problem ? `${id}-error` : `${id}-hint`;
  const error = problem ? html`<p class="field-error" part="field-error" id="${id}-error">${problem}</p>` : nothing;
  const value = o.values[def.key];
  switch (def.kind) {
    case "integer": {
      const numberValue = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" ? value : "";
      const onInput = (e: Event) => {
        const text = (e.target as HTMLInputElement).value.trim();
        const n = Number(text);
        o.onChange(def.key, text !== "" && Number.isFinite(n) ? n : text);
      };
      return html`<div class="param" part="parameter parameter-${def.key}">
        <label class="param-label" for=${id}>${def.label}</label>
        <div class="param-inputs">
          <input
            class="range"
            part="range"
            type="range"
            min=${def.min}
            max=${def.max}
            step=${def.step}
            .value=${numberValue || String(def.min)}
            aria-label=${def.label}
            aria-describedby=${described}
            ?disabled=${o.disabled}
            @input=${onInput}
          />
          <input
            class="input number"
            part="input"
            id=${id}
            type="number"
            inputmode="numeric"
            min=${def.min}
            max=${def.max}
            step=${def.step}
            .value=${numberValue}
            aria-invalid=${problem ? "true" : "false"}
            aria-describedby=${described}
            ?disabled=${o.disabled}
            @input=${onInput}
          />
          <span class="unit">${def.unit}</span>
        </div>
        ${problem ? error : html`<p class="hint" id="${id}-hint">${t.svc.perUnitMonth(o.money(def.unitPrice), def.unit)}</p>`}
      </div>`;
    }
    case "enum":
      return html`<div class="param" part="parameter parameter-${def.key}">
        <label class="param-label" for=${id}>${def.label}</label>
        <select
          class="input"
          part="input"
          id=${id}
          aria-invalid=${problem ? "true" : "false"}
          aria-describedby=${problem ? `${id}-error` : nothing}
          ?disabled=${o.disabled}
          @change=${(e: Event) => o.onChange(def.key, (e.target as HTMLSelectElement).value)}
        >
          ${def.options.map(
            (option) =>
              html`<option value=${option.value} ?selected=${option.value === value}>
                ${option.price.amount > 0 ? `${option.label} (${t.svc.extraPerMonth(o.money(option.price))})` : option.label}
              </option>`,
          )}
        </select>
        ${error}
      </div>`;
    case "boolean":
      return html`<div class="param check" part="parameter parameter-${def.key}">
        <label class="checkbox">
          <input
            type="checkbox"
            id=${id}
            .checked=${value === true}
            aria-describedby=${problem ? `${id}-error` : nothing}
            ?disabled=${o.disabled}
            @change=${(e: Event) => o.onChange(def.key, (e.target as HTMLInputElement).checked)}
          />
          <span>${def.label}${def.price.amount > 0 ? html` <span class="muted">(${t.svc.extraPerMonth(o.money(def.price))})</span>` : nothing}</span>
        </label>
        ${error}
      </div>`;
  }
}

/** The key of a choice, so an answer is matched with the choice it answers. */
export function choiceKey(...parts: unknown[]): string {
  return JSON.stringify(parts);
}
