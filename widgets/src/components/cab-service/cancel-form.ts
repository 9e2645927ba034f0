import type { PropertyValues } from "lit";
import { state } from "lit/decorators.js";
import { Resource } from "../../runtime/resource.js";
import { WriteAttempt } from "../../services/order-attempt.js";
import { ServiceForm } from "./service-form.js";

/**
 * What cancelling and withdrawing share: the question asked first, and what cancelling now
 * gives back (or withdrawing takes along), asked of the server meanwhile.
 */
export abstract class CancelForm extends ServiceForm {
  @state() protected confirming = false;
  /** What cancelling now gives back (or withdrawing takes along); asked again when the service moved. */
  protected readonly preview = new Resource(this, (signal) => this.session.call((api, c) => api.previewCancel(this.service.id, c, signal)));
  // One key per cancellation the client means, kept across "Try again" after no answer.
  protected readonly attempt = new WriteAttempt();

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get("service");
    const now = this.service;
    // What cancelling gives back depends on the service as it is.
    if (before && (before.status !== now.status || before.paidUntil !== now.paidUntil || before.price.amount !== now.price.amount)) this.preview.clear();
  }

  protected ask(confirming: boolean): void {
    this.confirming = confirming;
    this.dismiss();
    if (confirming) this.loadPreview();
  }

  /** Asks the server what cancelling gives back, unless it was asked already (or `again`). */
  protected loadPreview(again = false): void {
    if (!this.action("cancel").allowed) return;
    if (!again && (this.preview.value || this.preview.loading)) return;
    void this.preview.load();
  }

  /** Cancels (`now` or at the period's end) through `<cab-service>`; the question goes once it is done. */
  protected cancel(when: "now" | "period_end", text: () => string): void {
    const id = this.service.id;
    void this.write("cancel", async () => {
      const service = await this.attempt.send({ id, when }, (key) => this.session.call((api, c) => api.cancelService(id, when, key, c)));
      return { service, outcome: { tone: "success", text: text() } };
    }).then((ok) => {
      if (ok) this.confirming = false;
    });
  }
}
