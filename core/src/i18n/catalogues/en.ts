/**
 * The server's English texts: the reference catalogue every other language falls back to, key by
 * key. A key's English is the sentence rows from before keyed texts were written with.
 */
export const en: Record<string, string> = {
  // Ledger entries
  "ledger.order": "Order of {service}",
  "ledger.order_retried": "Order of {service}, provisioning retried",
  "ledger.renewal": "Renewal of {service}, {from} – {to}",
  "ledger.refund_renewal": "Refund: renewal of {service}, which is {status}",
  "ledger.refund_change_not_applied": "Refund: upgrade of {service} not applied, the service changed meanwhile",
  "ledger.refund_not_provisioned": "Refund: {service} could not be provisioned",
  "ledger.refund_cancel": "Refund on cancelling {service}: {days} unused paid days until {until}",
  "ledger.upgrade": "Upgrade of {service} for the {days} paid days until {until}",
  "ledger.downgrade": "Downgrade of {service} for the {days} paid days until {until}",
  "ledger.invoice": "Invoice {number}",
  "ledger.refund_payment": "Refund of payment {payment}",
  "ledger.top_up": "Top-up via {gateway}",
  "ledger.payment": "Payment via {gateway}",
  // Invoice lines
  "line.order": "{product}{label}, {period}{setup}",
  "line.label": " “{label}”",
  "line.setup_included": ", setup fee included",
  // Words the texts above use
  "period.months": "{n} {n:month|months}",
  "period.years": "{n} {n:year|years}",
  "service.status.pending_payment": "pending payment",
  "service.status.provisioning": "provisioning",
  "service.status.provisioning_failed": "provisioning_failed",
  "service.status.active": "active",
  "service.status.suspended": "suspended",
  "service.status.cancelled": "cancelled",
  "service.status.deleted": "deleted",
  "payment.method.balance": "balance",
  // Why a service is in its status (services' statusReasonText)
  "service.reason.unpaid": "not paid for",
  "service.reason.staff": "suspended by our staff",
  "service.reason.client": "suspended at your request",
  "service.reason.action_failed": "{action} failed: {detail}",
  "service.reason.provisioning_failed": "{detail}",
  "service.reason.other": "{detail}",
  "service.action.create": "create",
  "service.action.suspend": "suspend",
  "service.action.resume": "resume",
  "service.action.change": "change",
  "service.action.delete": "delete",
  // Why a payment failed (payments' failureReasonText)
  "payment.failure.declined": "declined",
  "payment.failure.expired": "expired",
  "payment.failure.canceled": "cancelled",
  "payment.failure.other": "{detail}",
  // Notification channels, as the preferences name them
  "channel.in-app": "In-app",
  "channel.email": "E-mail",
  "channel.telegram": "Telegram",
  "channel.webhook": "Webhook",
  "channel.plugin": "{name}",
  // What a payment is for, on the gateway's page
  "payment.description.top_up": "Balance top-up, {brand}",
  "payment.description.invoice": "Invoice {numbers}",
  "payment.description.invoices": "Invoices {numbers}",
};
