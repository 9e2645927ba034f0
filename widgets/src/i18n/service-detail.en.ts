/**
 * English strings of `<cab-service>` (one service: its settings, renewal, change, cancellation,
 * history). Part of the services family's strings (`servicesEn.service`, `services.ru.ts` has
 * them key for key), but in `<cab-service>`'s chunk: a page with the services list and the order
 * form does not download them. Imported by the component, which fills them in before it renders.
 */
import { servicesEn } from "./services.en.js";

export const serviceDetailEn = {
  title: "Service",
  noId: "No service is chosen.",
  loading: "Loading the service…",
  product: "Product",
  price: "Price",
  paidUntil: "Paid until",
  notPaid: "Not paid yet",
  created: "Ordered",
  cancelsOn: (date: string) => `Cancels at the end of the paid period, on ${date}.`,
  cancelsAtPeriodEnd: "Cancels at the end of the paid period.",
  statusReason: (reason: string) => `Reason: ${reason}`,
  nextParameters: "From the next renewal",
  autoRenew: "Renew automatically",
  autoRenewSaved: (on: boolean): string => (on ? "Auto-renewal is on." : "Auto-renewal is off."),
  label: "Label",
  saveLabel: "Save label",
  labelSaved: "Label saved.",
  renewTitle: "Renew",
  periods: "Renew for",
  periodsOption: (periods: number, period: string) => (periods === 1 ? `1 period (${period})` : `${periods} periods (${period})`),
  renew: "Renew",
  renewing: "Renewing…",
  renewedBalance: (date: string) => `Renewed and paid from your balance. Paid until ${date}.`,
  renewedInvoice: "An invoice was issued for the renewal; the service is extended once it is paid.",
  changeTitle: "Change parameters",
  changeUnavailable: "The parameters of this product cannot be changed here.",
  previewing: "Working out the difference…",
  previewSame: "Nothing changes with these values.",
  previewUpgrade: "Upgrade",
  previewDowngrade: "Downgrade",
  appliesNow: "Applies now.",
  appliesNextRenewal: "Applies at the next renewal.",
  dueNow: (amount: string) => `Due now: ${amount}`,
  creditNow: (amount: string) => `Credited to your balance now: ${amount}`,
  nothingDue: "Nothing to pay now.",
  /** The share of a change's price for the days already paid for. */
  prorated: (days: number, until: string) =>
    days === 1 ? `For the 1 day already paid for, until ${until}.` : `For the ${days} days already paid for, until ${until}.`,
  newPrice: (price: string) => `New price: ${price}`,
  confirmChange: "Confirm the change",
  changing: "Changing…",
  changed: "The parameters are changed.",
  changeInvoiced: "Your balance does not cover the upgrade, so an invoice was issued for it. The upgrade applies once the invoice is paid.",
  invoiceWaiting: "An invoice for this service is waiting to be paid.",
  awaitingTitle: "Awaiting payment",
  awaitingText: "This order starts once its invoice is paid. You can also withdraw it: the invoice is cancelled and nothing is charged.",
  withdraw: "Withdraw the order",
  withdrawQuestion: (others: number) =>
    others === 0
      ? "Withdraw this order? Its invoice is cancelled; nothing is charged."
      : others === 1
        ? "Withdraw this order? Its invoice is cancelled and nothing is charged; 1 other service of the same order is withdrawn with it."
        : `Withdraw this order? Its invoice is cancelled and nothing is charged; ${others} other services of the same order are withdrawn with it.`,
  confirmWithdraw: "Yes, withdraw it",
  withdrawing: "Withdrawing…",
  withdrawn: "The order is withdrawn and its invoice cancelled. Nothing was charged.",
  refundPreview: (amount: string, days: number) =>
    days === 1
      ? `You get ${amount} back to your balance for the 1 paid day not used yet.`
      : `You get ${amount} back to your balance for the ${days} paid days not used yet.`,
  noRefundPreview: "Nothing is given back for the rest of the paid period.",
  noRefundRule: "This product gives nothing back for the rest of the paid period.",
  refundLoading: "Working out what comes back…",
  cancelledRefund: (amount: string) => `The service is cancelled. ${amount} went back to your balance.`,
  deletedTitle: "This service is deleted",
  deletedText: "Nothing more can be done with it. Its history stays below.",
  cancelledText: "The service is cancelled. You can delete it, or keep it in the list.",
  changeScheduled: "The change is saved and applies at the next renewal.",
  cancelTitle: "Cancel",
  cancelWhen: "When",
  cancelAtPeriodEnd: (date: string | null) => (date ? `At the end of the paid period (${date})` : "At the end of the paid period"),
  cancelNow: "Now — the service stops at once",
  cancel: "Cancel the service",
  confirmCancel: "Yes, cancel it",
  keep: "Keep the service",
  cancelQuestion: "Cancel this service?",
  cancelling: "Cancelling…",
  cancelled: "The service is cancelled.",
  cancelScheduled: "The service will be cancelled at the end of its paid period.",
  deleteTitle: "Delete",
  delete: "Delete the service",
  deleteQuestion: "Delete this service for good? This cannot be undone.",
  confirmDelete: "Yes, delete it",
  deleting: "Deleting…",
  deleted: "The service is deleted.",
  historyTitle: "History",
  historyEmpty: "Nothing has happened yet.",
  historyColumns: { date: "Date", event: "What happened", actor: "By" },
  actor: { client: "You", staff: "Support", system: "System" },
  actionFailed: (action: string) => `${action}: the setup failed`,
  transition: (from: string, to: string) => `${from} → ${to}`,
  /** History actions by their code; an unknown one shows as the server wrote it. */
  action: {
    order: "Ordered",
    paid: "Paid",
    provision: "Set up",
    provisioned: "Set up",
    provisioning_failed: "Setup failed",
    retry: "Setup retried",
    renew: "Renewed",
    auto_renew: "Auto-renewal changed",
    change_scheduled: "Change scheduled for the next renewal",
    change_unscheduled: "Scheduled change withdrawn",
    create: "Created",
    renewal_invoiced: "Renewal invoiced",
    change_invoiced: "Upgrade invoiced",
    withdraw: "Order withdrawn",
    change: "Parameters changed",
    label: "Label changed",
    cancel: "Cancelled",
    cancel_at_period_end: "Set to cancel at period end",
    suspend: "Suspended",
    resume: "Resumed",
    delete: "Deleted",
  } as Record<string, string>,
};

export type ServiceDetailMessages = typeof serviceDetailEn;

servicesEn.service = serviceDetailEn;
