import { html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import type { Locale } from "../../i18n/index.js";
import type { ServicesT } from "../../i18n/services.js";
import type { Money, ServiceAction, ServiceDetail } from "../../runtime/api-types.js";
import { formatDate, formatMoney } from "../../runtime/format.js";
import { fillTemplate } from "../../runtime/link-template.js";
import type { SessionStore } from "../../runtime/session-store.js";
import { SubElement } from "../../runtime/sub-element.js";
import { allowedAction, describeReason, describeServiceError } from "../../services/services-element.js";
import type { ServiceChangedDetail } from "./cab-service.component.js";

/** What a write did, said by `<cab-service>` above its cards. */
export type Outcome = { tone: "success" | "warning"; text: string; invoiceId?: string | null };

/** What a sub-form's write answers: the service after it and what to say. */
export type WriteResult = { service: ServiceDetail; outcome: Outcome; invoiceId?: string | null };

/**
 * `service-write`: a sub-form asks `<cab-service>` to run `work` (one write at a time for the
 * whole service); `<cab-service>` puts in `done` whether it succeeded.
 */
export interface ServiceWriteDetail {
  action: ServiceChangedDetail["action"];
  work: () => Promise<WriteResult>;
  done?: Promise<boolean>;
}

/** The name of an action the service's `actions` list. */
export type ActionName = keyof NonNullable<ServiceDetail["actions"]>;

/**
 * One sub-form of `<cab-service>` (renew, change, cancel…): an internal element given the
 * service, the strings and the state of the writes by properties, asking for its writes by the
 * `service-write` event; it renders into `<cab-service>`'s shadow root ({@link SubElement}).
 */
export abstract class ServiceForm extends SubElement {
  @property({ attribute: false }) service!: ServiceDetail;
  @property({ attribute: false }) t!: ServicesT;
  @property({ attribute: false }) locale: Locale = "en";
  @property({ attribute: false }) session!: SessionStore;
  /** Whether the user may change services at all (their role's rights). */
  @property({ attribute: false }) mayWrite = false;
  /** The write running now, if any: one at a time. */
  @property({ attribute: false }) busy: string | null = null;
  /** The last write's failure, said in the card of its action. */
  @property({ attribute: false }) failure: { action: string; cause: unknown } | null = null;
  /** Where an invoice is paid, `{id}` standing for its id. */
  @property({ attribute: false }) invoiceHref = "";

  protected action(name: ActionName): ServiceAction {
    return allowedAction(this.mayWrite, this.service.actions?.[name]);
  }

  protected money(money: Money): string {
    return formatMoney(money, this.locale);
  }

  protected date(iso: string): string {
    return formatDate(iso, this.locale);
  }

  /** A disabled action's reason, tied to its control by `aria-describedby`. */
  protected reason(id: string, action: ServiceAction) {
    return action.allowed ? nothing : html`<p class="reason" part="reason" id=${id}>${describeReason(this.t, action.reason)}</p>`;
  }

  protected errorOf(action: string) {
    const e = this.failure;
    return e?.action === action ? html`<p class="error" part="error" role="alert">${describeServiceError(this.t, e.cause)}</p>` : nothing;
  }

  protected invoiceLink(invoiceId: string) {
    const href = this.invoiceHref ? fillTemplate(this.invoiceHref, invoiceId) : null;
    return href ? html`<a class="button small" part="button invoice-link" href=${href}>${this.t.svc.openInvoice}</a>` : nothing;
  }

  /** Runs a write through `<cab-service>`; resolves whether it succeeded. */
  protected write(action: ServiceWriteDetail["action"], work: ServiceWriteDetail["work"]): Promise<boolean> {
    const detail: ServiceWriteDetail = { action, work };
    this.dispatchEvent(new CustomEvent<ServiceWriteDetail>("service-write", { detail, bubbles: true }));
    return detail.done ?? Promise.resolve(false);
  }

  /** A question asked or put away: the last failure goes (`<cab-service>` hears `service-dismiss`). */
  protected dismiss(): void {
    this.dispatchEvent(new CustomEvent("service-dismiss", { bubbles: true }));
  }
}

/** What the question before a destructive write says and does. */
export interface ConfirmOptions {
  /** The question's id (a card's `aria-labelledby` may name it). */
  id: string;
  question: string;
  /** The confirming button's label, and its label while the write runs. */
  confirm: string;
  running: string;
  /** Whether this write is the one running now. */
  isRunning: boolean;
  /** Whether any write runs (one at a time). */
  disabled: boolean;
  /** What the confirming button does; without it, it submits the card's form. */
  onConfirm?: () => void;
  /** "Keep" puts the question away. */
  keep: string;
  onKeep: () => void;
}

/** The question a cancellation, a withdrawal or a deletion asks before it runs: the question, confirm (danger), keep. */
export function renderConfirm(o: ConfirmOptions): TemplateResult {
  return html`<p id=${o.id}><strong>${o.question}</strong></p>
    <div class="actions">
      <button class="button danger" part="button" type=${o.onConfirm ? "button" : "submit"} ?disabled=${o.disabled} @click=${o.onConfirm ?? nothing}>
        ${o.isRunning ? o.running : o.confirm}
      </button>
      <button class="button secondary" part="button" type="button" @click=${o.onKeep}>${o.keep}</button>
    </div>`;
}
