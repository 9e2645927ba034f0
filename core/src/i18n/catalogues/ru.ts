/** The server's Russian texts; a key missing here reads in English (see en.ts). */
export const ru: Record<string, string> = {
  // Ledger entries
  "ledger.order": "Заказ: {service}",
  "ledger.order_retried": "Заказ: {service}, повторный запуск",
  "ledger.renewal": "Продление: {service}, {from} – {to}",
  "ledger.refund_renewal": "Возврат за продление: {service}, услуга {status}",
  "ledger.refund_change_not_applied": "Возврат: изменение {service} не применено, услуга за это время изменилась",
  "ledger.refund_not_provisioned": "Возврат: {service} не удалось запустить",
  "ledger.refund_cancel": "Возврат при отмене {service}: {days} {days:неиспользованный оплаченный день|неиспользованных оплаченных дня|неиспользованных оплаченных дней} до {until}",
  "ledger.upgrade": "Повышение тарифа {service} на {days} {days:оплаченный день|оплаченных дня|оплаченных дней} до {until}",
  "ledger.downgrade": "Понижение тарифа {service} на {days} {days:оплаченный день|оплаченных дня|оплаченных дней} до {until}",
  "ledger.invoice": "Счёт {number}",
  "ledger.refund_payment": "Возврат платежа {payment}",
  "ledger.top_up": "Пополнение баланса: {gateway}",
  "ledger.payment": "Оплата: {gateway}",
  // Invoice lines
  "line.order": "{product}{label}, {period}{setup}",
  "line.label": " «{label}»",
  "line.setup_included": ", включая плату за подключение",
  // Words the texts above use
  "period.months": "{n} {n:месяц|месяца|месяцев}",
  "period.years": "{n} {n:год|года|лет}",
  "service.status.pending_payment": "ожидает оплаты",
  "service.status.provisioning": "запускается",
  "service.status.provisioning_failed": "не запустилась",
  "service.status.active": "работает",
  "service.status.suspended": "приостановлена",
  "service.status.cancelled": "отменена",
  "service.status.deleted": "удалена",
  "payment.method.balance": "с баланса",
};
