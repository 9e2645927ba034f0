import { CabinetApiError } from "../runtime/api-client.js";
import type { Gateway, Payment } from "../runtime/api-types.js";
import type { CabinetContext } from "../runtime/cabinet-context.js";
import { SessionNews } from "../runtime/session-news.js";
import type { SessionStore } from "../runtime/session-store.js";

/** The query parameter a gateway brings the client back with: `?payment=pay_…`. */
export const RETURN_PARAM = "payment";
const PAYMENT_ID = /^pay_[0-9a-z]{10,40}$/;

/** Checks of a payment still pending after the return, and the pause before each (ms). */
const PENDING_RECHECKS = [1500, 3000, 5000, 8000, 12000];

/** Where the page's `?payment=` return stands. */
export type PaymentReturn =
  | { status: "none" }
  | { status: "checking"; id: string }
  /** `payment.status` may still be `pending` (the gateway has not decided; checks go on). */
  | { status: "checked"; payment: Payment }
  | { status: "error"; id: string; cause: unknown };

/** What happened to the account's money, so every billing widget shows fresh figures. */
export type BillingChange =
  | { kind: "payment-return"; state: PaymentReturn }
  /** A payment settled (succeeded or failed) on its return. */
  | { kind: "payment-settled"; payment: Payment }
  /** A payment started, an invoice paid from the balance… */
  | { kind: "changed" };

export interface HubEnvironment {
  /** The page's location and history (the `?payment=` return, and removing it). */
  location: Pick<Location, "href">;
  history: Pick<History, "replaceState" | "state">;
  setTimeout: (callback: () => void, ms: number) => unknown;
}

const HUB = Symbol("cabinet.billing");

/** The billing state shared by every billing widget of one context (API base, brand, auth). */
export function billingHub(context: CabinetContext): BillingHub {
  return context.shared(HUB, (c) => new BillingHub(c.session, globalThis as unknown as HubEnvironment));
}

/**
 * What the billing widgets of one session share: the one check of the page's payment return
 * (`?payment=pay_…`), the list of gateways, and news of money that moved, so `<cab-balance>`,
 * `<cab-ledger>`, `<cab-payments>` and `<cab-invoices>` on one page agree with each other.
 */
export class BillingHub extends SessionNews<BillingChange> {
  private returnState: PaymentReturn = { status: "none" };
  private gatewaysRequest: Promise<Gateway[]> | null = null;

  constructor(
    private readonly session: SessionStore,
    private readonly env: HubEnvironment,
  ) {
    super(session.api.reads);
    // A new user must not see the last one's return, nor their gateways (a brand may differ).
    session.subscribe((state) => {
      if (state.status === "signed-in") return;
      this.gatewaysRequest = null;
      this.returnState = { status: "none" };
    });
  }

  get paymentReturn(): PaymentReturn {
    return this.returnState;
  }

  /** Tells every billing widget that money moved. */
  override notify(change: BillingChange = { kind: "changed" }): void {
    super.notify(change);
  }

  /** The payment methods, asked once per session. */
  gateways(): Promise<Gateway[]> {
    this.gatewaysRequest ??= this.session
      .call((api, credentials) => api.listGateways(credentials))
      .then(
        (answer) => answer.items,
        (error: unknown) => {
          this.gatewaysRequest = null; // a failure may be retried
          throw error;
        },
      );
    return this.gatewaysRequest;
  }

  /**
   * Checks the payment the page was opened with (`?payment=pay_…`), once: the core asks the
   * gateway and settles it. Every billing widget calls this when signed in; the first call
   * does the work. The parameter leaves the address bar once the payment is known, so a
   * reload does not announce it again. Nothing happens signed out (a bearer session does not
   * survive the trip to the gateway): the check waits for the sign-in.
   */
  checkReturn(): void {
    if (this.returnState.status !== "none" && this.returnState.status !== "error") return;
    if (this.session.state.status !== "signed-in") return;
    const id = new URL(this.env.location.href).searchParams.get(RETURN_PARAM);
    // Another `payment` parameter is the host page's own business.
    if (!id || !PAYMENT_ID.test(id)) return;
    void this.check(id, 0);
  }

  private async check(id: string, attempt: number): Promise<void> {
    if (attempt === 0) this.setReturn({ status: "checking", id });
    let payment: Payment;
    try {
      payment = await this.session.call((api, credentials) => api.getPayment(id, credentials));
    } catch (cause) {
      // Not this account's payment: nothing to retry, and nothing to keep in the address.
      if (cause instanceof CabinetApiError && cause.status === 404) this.forgetParam();
      // A pending payment keeps its last known state; a first failure shows the error.
      if (attempt === 0 || this.returnState.status !== "checked") this.setReturn({ status: "error", id, cause });
      else this.scheduleRecheck(id, attempt);
      return;
    }
    this.forgetParam();
    this.setReturn({ status: "checked", payment });
    if (payment.status === "pending") this.scheduleRecheck(id, attempt);
    else this.notify({ kind: "payment-settled", payment });
  }

  private scheduleRecheck(id: string, attempt: number): void {
    const delay = PENDING_RECHECKS[attempt];
    if (delay === undefined) return; // still pending: the payments list will show it settle later
    this.env.setTimeout(() => {
      if (this.session.state.status === "signed-in") void this.check(id, attempt + 1);
    }, delay);
  }

  private setReturn(state: PaymentReturn): void {
    this.returnState = state;
    this.notify({ kind: "payment-return", state });
  }

  /** Removes `?payment=` from the address bar, leaving the rest of the URL as it was. */
  private forgetParam(): void {
    const url = new URL(this.env.location.href);
    if (!url.searchParams.has(RETURN_PARAM)) return;
    url.searchParams.delete(RETURN_PARAM);
    this.env.history.replaceState(this.env.history.state, "", url.href);
  }
}
