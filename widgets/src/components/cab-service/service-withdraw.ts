import { html, nothing } from "lit";
import { defineElement } from "../../runtime/define-element.js";
import { CancelForm } from "./cancel-form.js";
import { renderConfirm } from "./service-form.js";

/** `<cab-service>`'s card of an order waiting for its first payment: its invoice, and its withdrawal (the invoice voided, nothing charged). Internal. */
export class CabServiceWithdraw extends CancelForm {
  protected override render() {
    const t = this.t;
    const service = this.service;
    const cancel = this.action("cancel");
    const others = Math.max(0, (this.preview.value?.services.length ?? 1) - 1);
    return html`<div class="card awaiting" part="action action-withdraw" role="group" aria-labelledby="awaiting-title">
      <h3 class="subheading" id="awaiting-title">${t.service.awaitingTitle}</h3>
      <p>${t.service.awaitingText}</p>
      ${
        this.confirming
          ? renderConfirm({
              id: "withdraw-question",
              question: t.service.withdrawQuestion(others),
              confirm: t.service.confirmWithdraw,
              running: t.service.withdrawing,
              isRunning: this.busy === "cancel",
              disabled: this.busy !== null,
              onConfirm: () => this.cancel("now", () => this.t.service.withdrawn),
              keep: t.service.keep,
              onKeep: () => this.ask(false),
            })
          : html`<div class="actions">
              ${service.invoiceId ? this.invoiceLink(service.invoiceId) : nothing}
              ${
                cancel.allowed
                  ? html`<button
                      class="button secondary danger-outline"
                      part="button"
                      type="button"
                      ?disabled=${this.busy !== null}
                      @click=${() => this.ask(true)}
                    >
                      ${t.service.withdraw}
                    </button>`
                  : nothing
              }
            </div>`
      }
      ${this.errorOf("cancel")}
    </div>`;
  }
}

defineElement("cab-service-withdraw", CabServiceWithdraw);
