import { html, nothing } from "lit";
import { state } from "lit/decorators.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { defineElement } from "../../runtime/define-element.js";
import { describeServiceError } from "../../services/services-element.js";
import { CancelForm } from "./cancel-form.js";
import { renderConfirm } from "./service-form.js";

/** `<cab-service>`'s cancellation card: now or at the end of the paid period, saying first what comes back. Internal. */
export class CabServiceCancel extends CancelForm {
  @state() private when: "period_end" | "now" = "period_end";

  protected override render() {
    const t = this.t;
    const service = this.service;
    const cancel = this.action("cancel");
    return html`<form class="card" part="action action-cancel" novalidate @submit=${this.onCancel} aria-labelledby="cancel-title">
      <h3 class="subheading" id="cancel-title">${t.service.cancelTitle}</h3>
      <fieldset class="when" ?disabled=${!cancel.allowed}>
        <legend>${t.service.cancelWhen}</legend>
        <label class="radio"
          ><input type="radio" name="cancel-when" value="period_end" .checked=${this.when === "period_end"} @change=${() => (this.when = "period_end")} /><span
            >${t.service.cancelAtPeriodEnd(service.paidUntil ? this.date(service.paidUntil) : null)}</span
          ></label
        >
        <label class="radio"
          ><input type="radio" name="cancel-when" value="now" .checked=${this.when === "now"} @change=${this.chooseNow} /><span
            >${t.service.cancelNow}</span
          ></label
        >
      </fieldset>
      ${this.when === "now" && cancel.allowed ? this.renderRefund() : nothing}
      ${
        this.confirming
          ? html`<div class="confirm" role="group" aria-labelledby="cancel-question">
              ${renderConfirm({
                id: "cancel-question",
                question: t.service.cancelQuestion,
                confirm: t.service.confirmCancel,
                running: t.service.cancelling,
                isRunning: this.busy === "cancel",
                disabled: this.busy !== null,
                keep: t.service.keep,
                onKeep: () => this.ask(false),
              })}
            </div>`
          : html`<div class="actions">
              <button
                class="button secondary danger-outline"
                part="button"
                type="button"
                ?disabled=${!cancel.allowed || this.busy !== null}
                aria-describedby=${cancel.allowed ? nothing : "reason-cancel"}
                @click=${() => this.ask(true)}
              >
                ${t.service.cancel}
              </button>
            </div>`
      }
      ${this.reason("reason-cancel", cancel)} ${this.errorOf("cancel")}
    </form>`;
  }

  /** What cancelling now gives back, from the server's preview, said before the click. */
  private renderRefund() {
    const t = this.t;
    const p = this.preview.value;
    if (this.preview.error) return renderFailure(t, this.preview.error, () => this.loadPreview(true), describeServiceError);
    if (!p) return html`<p class="hint" role="status">${t.service.refundLoading}</p>`;
    const text =
      p.refund.amount > 0
        ? t.service.refundPreview(this.money(p.refund), p.remainingDays)
        : p.refundRule === "none" && p.remainingDays > 0
          ? t.service.noRefundRule
          : t.service.noRefundPreview;
    return html`<p class="refund" part="refund" aria-live="polite">${text}</p>`;
  }

  private chooseNow(): void {
    this.when = "now";
    this.loadPreview();
  }

  private onCancel(event: SubmitEvent): void {
    event.preventDefault();
    if (!this.confirming) return;
    const when = this.when;
    const refund = when === "now" ? this.preview.value?.refund : undefined;
    this.cancel(when, () => {
      const t = this.t.service;
      return when === "period_end" ? t.cancelScheduled : refund && refund.amount > 0 ? t.cancelledRefund(this.money(refund)) : t.cancelled;
    });
  }
}

defineElement("cab-service-cancel", CabServiceCancel);
