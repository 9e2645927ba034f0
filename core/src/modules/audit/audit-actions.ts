/**
 * Every action the core writes to an account's audit log, `<subject>.<verb>`: the one list.
 * `AuditLog.record` takes only these, so a new action is added here (the compiler says so), and
 * the widgets' labels (`<cab-audit>`, en and ru) are checked against this list by a test.
 */
export const auditActions = [
  // Accounts and sign-in
  "account.created",
  "user.signed_in",
  // People and roles
  "user.invited",
  "user.invitation_resent",
  "user.invitation_revoked",
  "user.joined",
  "user.created",
  "user.access_changed",
  "user.role_changed",
  "user.ownership_transferred",
  "user.enabled",
  "user.disabled",
  "user.removed",
  "user.switched_account",
  "role.created",
  "role.changed",
  "role.deleted",
  "staff.signed_in_as_client",
  // Services
  "service.ordered",
  "service.activated",
  "service.provisioning_failed",
  "service.suspended",
  "service.resumed",
  "service.changed",
  "service.renewed",
  "service.renewal_due",
  "service.renewal_failed",
  "service.renewals_invoiced",
  "service.cancelled",
  "service.deleted",
  "service.panel_login",
  "service.panel_action",
  "service.credential_revealed",
  // Money
  "invoice.paid",
  "invoice.voided",
  "payment.succeeded",
  "payment.refunded",
  "payment.transfer_confirmed",
  "payer.created",
  "payer.changed",
  "payer.deleted",
  "payer.made_default",
  // Support
  "ticket.opened",
  "ticket.replied",
  "ticket.closed",
] as const;

export type AuditAction = (typeof auditActions)[number];

const known: ReadonlySet<string> = new Set(auditActions);

/**
 * A domain event's name as the audit action it is logged under (the service lifecycle logs its
 * steps' events by name). One that is not in the list is a mistake in the core: it fails loudly,
 * in the tests, rather than write an action no widget can name.
 */
export function auditActionOf(name: string): AuditAction {
  if (!known.has(name)) throw new Error(`"${name}" is written to the audit log but is not in auditActions (modules/audit/audit-actions.ts)`);
  return name as AuditAction;
}
