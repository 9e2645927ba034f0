import { html, nothing } from "lit";
import { state } from "lit/decorators.js";
import { defineElement } from "../../runtime/define-element.js";
import { WriteAttempt } from "../../services/order-attempt.js";
import { ServiceForm, type Outcome } from "./service-form.js";

/** Renewals offered, in periods of the service's own length. */
const RENEW_PERIODS = [1, 2, 3, 6, 12];

/** `<cab-service>`'s renewal card: one or more periods, paid from the balance or invoiced. Internal. */
export class CabServiceRenew extends ServiceForm {
  @state() private periods = 1;
  // One key per renewal the client means, kept across "Try again" after no answer.
  private readonly attempt = new WriteAttempt();

  protected override render() {
    const t = this.t;
    const renew = this.action("renew");
    const disabled = !renew.allowed || this.busy !== null;
    return html`<form class="card" part="action action-renew" novalidate @submit=${this.onRenew} aria-labelledby="renew-title">
      <h3 class="subheading" id="renew-title">${t.service.renewTitle}</h3>
      <div class="field">
        <label for="renew-periods">${t.service.periods}</label>
        <select
          class="input"
          part="input"
          id="renew-periods"
          ?disabled=${!renew.allowed}
          @change=${(e: Event) => (this.periods = Number((e.target as HTMLSelectElement).value))}
        >
          ${RENEW_PERIODS.map((n) => html`<option value=${n} ?selected=${n === this.periods}>${t.service.periodsOption(n, t.svc.period(n * this.service.periodMonths))}</option>`)}
        </select>
      </div>
      <div class="actions">
        <button class="button" part="button" type="submit" ?disabled=${disabled} aria-describedby=${renew.allowed ? nothing : "reason-renew"}>
          ${this.busy === "renew" ? t.service.renewing : t.service.renew}
        </button>
      </div>
      ${this.reason("reason-renew", renew)} ${this.errorOf("renew")}
    </form>`;
  }

  private onRenew(event: SubmitEvent): void {
    event.preventDefault();
    const periods = this.periods;
    const id = this.service.id;
    void this.write("renew", async () => {
      const renewal = await this.attempt.send({ id, periods }, (key) => this.session.call((api, c) => api.renewService(id, periods, key, c)));
      const t = this.t;
      const outcome: Outcome =
        renewal.paid === "balance"
          ? { tone: "success", text: t.service.renewedBalance(renewal.service.paidUntil ? this.date(renewal.service.paidUntil) : "—") }
          : { tone: "warning", text: t.service.renewedInvoice, invoiceId: renewal.invoiceId };
      return { service: renewal.service, outcome, invoiceId: renewal.invoiceId };
    });
  }
}

defineElement("cab-service-renew", CabServiceRenew);
