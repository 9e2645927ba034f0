import { html, nothing, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import type { ChangePreview, ParameterDef, Product, ServiceDetail } from "../../runtime/api-types.js";
import { defineElement } from "../../runtime/define-element.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { DebouncedRequest } from "../../services/debounced-request.js";
import { outcomeUnknown, WriteAttempt } from "../../services/order-attempt.js";
import { choiceKey, firstProblem, problemMessage, renderParameterFields, withDefaults, type ParameterValues } from "../../services/parameters.js";
import { describeServiceError, invalidParameter } from "../../services/services-element.js";
import { ServiceForm } from "./service-form.js";

/**
 * `<cab-service>`'s change of parameters: the product's fields, the server's preview of the
 * prorated amount due or credited, confirmed before anything changes. Internal.
 */
export class CabServiceChange extends ServiceForm {
  /** The product's parameter definitions, from the catalog; null while unknown or no longer offered. */
  @property({ attribute: false }) product: Product | null = null;
  @state() private values: ParameterValues = {};
  private readonly attempt = new WriteAttempt();
  private readonly preview = new DebouncedRequest<ParameterValues, ChangePreview>(
    (parameters, signal) => this.session.call((api, c) => api.previewChange(this.service.id, parameters, c, signal)),
    () => this.requestUpdate(),
  );

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.preview.reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another service, other parameters (changed, or loaded afresh) or the product's definitions: the form starts again from the service's.
    const before = changed.get("service");
    const moved = changed.has("service") && (!before || before.id !== this.service.id || choiceKey(before.parameters) !== choiceKey(this.service.parameters));
    if (moved || changed.has("product")) this.reset();
  }

  private reset(): void {
    this.values = this.product ? withDefaults(this.product.parameters, this.service.parameters) : {};
    this.preview.reset();
  }

  private get changedParameters(): ParameterValues | null {
    const product = this.product;
    if (!product) return null;
    const wanted = withDefaults(product.parameters, this.values);
    const current = withDefaults(product.parameters, this.service.parameters);
    return choiceKey(wanted) === choiceKey(current) ? null : wanted;
  }

  protected override render() {
    const t = this.t;
    const service = this.service;
    const change = this.action("change");
    const defs: ParameterDef[] = this.product?.parameters ?? [];
    if (defs.length === 0) {
      return html`<div class="card" part="action action-change">
        <h3 class="subheading">${t.service.changeTitle}</h3>
        <p class="muted">${t.service.changeUnavailable}</p>
      </div>`;
    }
    const wanted = this.changedParameters;
    const key = choiceKey(service.id, wanted);
    const preview = wanted ? this.preview.valueFor(key) : null;
    const previewError = wanted ? this.preview.errorFor(key) : null;
    const problems: Record<string, string> = {};
    const bad = firstProblem(defs, withDefaults(defs, this.values));
    if (bad) problems[bad.key] = problemMessage(t, bad, this.locale);
    const named = defs.find(
      (d) => d.key === (invalidParameter(previewError) ?? invalidParameter(this.failure?.action === "change" ? this.failure.cause : null)),
    );
    if (named && !problems[named.key]) problems[named.key] = problemMessage(t, named, this.locale);
    const canConfirm = change.allowed && !!preview && preview.kind !== "same" && this.busy === null;
    return html`<form class="card" part="action action-change" novalidate @submit=${this.onChange} aria-labelledby="change-title">
      <h3 class="subheading" id="change-title">${t.service.changeTitle}</h3>
      <div class="params">
        ${renderParameterFields({
          t,
          defs,
          values: this.values,
          idPrefix: "change",
          locale: this.locale,
          money: (m) => this.money(m),
          problems,
          onChange: (k, v) => {
            this.values = { ...this.values, [k]: v };
            if (this.failure?.action === "change") this.dismiss();
            this.askPreview();
          },
          disabled: !change.allowed,
        })}
      </div>
      <div class="preview" part="preview" aria-live="polite" aria-busy=${this.preview.pendingKey ? "true" : "false"}>
        ${this.preview.pendingKey ? html`<p class="hint">${t.service.previewing}</p>` : nothing} ${preview ? this.renderPreview(service, preview) : nothing}
        ${previewError && !invalidParameter(previewError) ? renderFailure(t, previewError, () => this.askPreview(true), describeServiceError) : nothing}
      </div>
      <div class="actions">
        <button class="button" part="button" type="submit" ?disabled=${!canConfirm} aria-describedby=${change.allowed ? nothing : "reason-change"}>
          ${this.busy === "change" ? t.service.changing : t.service.confirmChange}
        </button>
      </div>
      ${this.reason("reason-change", change)} ${this.errorOf("change")}
    </form>`;
  }

  private renderPreview(service: ServiceDetail, p: ChangePreview) {
    const t = this.t;
    if (p.kind === "same") return html`<p>${t.service.previewSame}</p>`;
    const due = p.amountDue.amount;
    return html`<div class="preview-body">
      <p>
        <strong>${p.kind === "upgrade" ? t.service.previewUpgrade : t.service.previewDowngrade}</strong> ·
        ${p.appliesAt === "now" ? t.service.appliesNow : t.service.appliesNextRenewal}
      </p>
      <p class="due">
        ${
          due > 0
            ? t.service.dueNow(this.money(p.amountDue))
            : due < 0
              ? t.service.creditNow(this.money({ amount: -due, currency: p.amountDue.currency }))
              : t.service.nothingDue
        }
      </p>
      ${p.appliesAt === "now" && due !== 0 && service.paidUntil ? html`<p class="hint">${t.service.prorated(p.remainingDays, this.date(service.paidUntil))}</p>` : nothing}
      <p>${t.service.newPrice(t.svc.perPeriod(this.money(p.newPricePerPeriod), service.periodMonths))}</p>
    </div>`;
  }

  private askPreview(now = false): void {
    const wanted = this.changedParameters;
    if (!wanted || !this.product || firstProblem(this.product.parameters, wanted) || !this.action("change").allowed) return;
    this.preview.request(wanted, choiceKey(this.service.id, wanted), now);
  }

  private onChange(event: SubmitEvent): void {
    event.preventDefault();
    const wanted = this.changedParameters;
    const service = this.service;
    if (!wanted) return;
    const preview = this.preview.valueFor(choiceKey(service.id, wanted));
    if (!preview || preview.kind === "same") return;
    const key = this.attempt.keyFor({ id: service.id, wanted });
    void this.write("change", async () => {
      try {
        const changed = await this.session.call((api, c) => api.changeService(service.id, wanted, key, c));
        this.attempt.settled();
        // The balance did not cover the upgrade: an invoice waits, and the parameters stay until it is paid.
        if (preview.kind === "upgrade" && changed.invoiceId && choiceKey(changed.parameters) === choiceKey(service.parameters)) {
          return {
            service: changed,
            outcome: { tone: "warning", text: this.t.service.changeInvoiced, invoiceId: changed.invoiceId },
            invoiceId: changed.invoiceId,
          };
        }
        const text = preview.appliesAt === "now" ? this.t.service.changed : this.t.service.changeScheduled;
        return { service: changed, outcome: { tone: "success", text } };
      } catch (cause) {
        if (!(cause instanceof CabinetApiError && outcomeUnknown(cause.status))) this.attempt.settled();
        throw cause;
      }
    }).then((ok) => {
      // Done: the form starts again from the service as it is now (a scheduled change keeps today's parameters).
      if (ok) this.reset();
    });
  }
}

defineElement("cab-service-change", CabServiceChange);
