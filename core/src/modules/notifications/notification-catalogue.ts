import type { CabinetEvents } from "../../kernel/event-bus.js";
import type { Permission } from "../accounts/index.js";
import { localText, renderText, type LocalText, type TextParam } from "../../i18n/index.js";

export const notificationGroups = ["services", "finance", "support", "security"] as const;
export type NotificationGroup = (typeof notificationGroups)[number];

/** The channel every user has: the centre in the client area. */
export const IN_APP = "in-app";

/**
 * What a notification says: catalogue texts (core/src/i18n/catalogues, keys `notify.…`), written
 * out in the reader's language when sent and again when the centre shows it.
 */
export interface NotificationText {
  title: LocalText;
  body: LocalText;
}

/** Names the texts use, looked up when the notification is raised. */
export interface NotificationNames {
  service?: string;
}

/** What the event gives a notification besides its text. */
export interface NotificationSubject {
  link: string | null;
  reference: { type: string; id: string } | null;
  /** Unique per event occurrence, so handling an event twice raises it once; null where none exists. */
  dedupeKey: string | null;
}

/**
 * One kind of notification: which event raises it, who may see it (the owner always; members
 * holding any of `permissions`; or only the user the event is about), whether it is important
 * enough to go out by e-mail and other channels by default, and its text. Its name in the
 * preferences is the catalogue's `notify.<event>.label`.
 */
export interface NotificationKind<K extends keyof CabinetEvents = keyof CabinetEvents> {
  event: K;
  group: NotificationGroup;
  /** Important kinds go to every external channel by default; the others only in-app. */
  important: boolean;
  audience: { permissions: readonly Permission[] } | "the-user";
  /**
   * A message the user cannot turn off and the centre never shows (it carries a one-time link:
   * a password reset, an e-mail confirmation): it goes by e-mail only, whatever the preferences.
   */
  mandatoryEmail?: boolean;
  /** False for an occurrence that raises no notification (its issuer announces it otherwise); absent: every occurrence does. */
  raises?(payload: CabinetEvents[K]): boolean;
  /** Where the e-mail goes when not to the user's own address (the new address of an e-mail change). */
  recipientEmail?(payload: CabinetEvents[K]): string;
  /** `names.service`: the service's label (or product name), when the event is about one. */
  text(payload: CabinetEvents[K], names?: NotificationNames): NotificationText;
  subject(payload: CabinetEvents[K]): NotificationSubject;
}

const kind = <K extends keyof CabinetEvents>(k: NotificationKind<K>) => k as unknown as NotificationKind;

/** The title and body of `event`'s notification: keys `notify.<event>.title` and `.body` (or `.body_<variant>`). */
const says = (event: string, params: Record<string, TextParam> = {}, variant?: { title?: string; body?: string }): NotificationText => ({
  title: localText(`notify.${event}.${variant?.title ?? "title"}`, params),
  body: localText(`notify.${event}.${variant?.body ?? "body"}`, params),
});

const service = (serviceId: string, dedupeKey: string | null): NotificationSubject => ({
  link: `/services/${serviceId}`,
  reference: { type: "service", id: serviceId },
  dedupeKey,
});
const services = { group: "services", audience: { permissions: ["services"] } } as const;
const finance = { group: "finance", audience: { permissions: ["finance"] } } as const;

/**
 * The service a text is about, by name («web-01» / “web-01”), else "your service"; in the
 * grammatical role the sentence needs it in (Russian declines the word "service": услуга,
 * услуги, услугу; English only capitalises it at the start).
 */
type Role = "subject" | "object" | "genitive" | "accusative";
const serviceName = (names: NotificationNames | undefined, role: Role): LocalText =>
  names?.service ? localText(`notify.service.named.${role}`, { name: names.service }) : localText(`notify.service.unnamed.${role}`);

/** Services by name, the first three and how many more: “web-01”, “db-02” and 3 more. */
function listed(all: { name: string }[]): LocalText {
  const [a, b, c] = all.slice(0, 3).map((s) => localText("notify.service.named.object", { name: s.name }));
  const more = all.length - 3;
  if (more > 0) return localText("notify.list.more", { a, b, c, more });
  if (c) return localText("notify.list.3", { a, b, c });
  return b ? localText("notify.list.2", { a, b }) : localText("notify.list.1", { a });
}

/** Every notification the core raises, by event. */
export const notificationKinds: NotificationKind[] = [
  kind({
    ...services,
    event: "service.ordered",
    important: false,
    text: (p, n) => says("service.ordered", { service: serviceName(n, "object") }, { body: p.awaitingInvoiceId ? "body_awaiting_payment" : "body" }),
    subject: (p) => service(p.serviceId, `service.ordered:${p.serviceId}`),
  }),
  kind({
    ...services,
    event: "service.activated",
    important: true,
    text: (_p, n) => says("service.activated", { service: serviceName(n, "subject") }),
    subject: (p) => service(p.serviceId, `service.activated:${p.serviceId}`),
  }),
  kind({
    ...services,
    event: "service.provisioning_failed",
    important: true,
    text: (_p, n) => says("service.provisioning_failed", { service: serviceName(n, "genitive") }),
    subject: (p) => service(p.serviceId, null),
  }),
  kind({
    ...services,
    event: "service.suspended",
    important: true,
    text: (p, n) => says("service.suspended", { service: serviceName(n, "subject"), reason: localText(`notify.suspend_reason.${p.reason}`) }),
    subject: (p) => service(p.serviceId, null),
  }),
  kind({
    ...services,
    event: "service.renewal_due",
    important: true,
    text: (p, n) => says("service.renewal_due", { service: serviceName(n, "subject"), paidUntil: { day: p.paidUntil } }),
    subject: (p) => ({
      ...service(p.serviceId, `service.renewal_due:${p.serviceId}:${p.paidUntil}`),
      link: p.invoiceId ? `/invoices/${p.invoiceId}` : `/services/${p.serviceId}`,
    }),
  }),
  kind({
    ...services,
    event: "service.renewal_failed",
    important: true,
    text: (_p, n) => says("service.renewal_failed", { service: serviceName(n, "accusative") }),
    subject: (p) => ({ ...service(p.serviceId, null), link: p.invoiceId ? `/invoices/${p.invoiceId}` : `/services/${p.serviceId}` }),
  }),
  kind({
    // The billing run's one message per short account and run, for the invoice that holds its
    // services' renewals (it stands for that invoice's "Invoice issued" too): whoever hears of
    // services or of money hears of it.
    event: "service.renewals_invoiced",
    group: "services",
    audience: { permissions: ["services", "finance"] },
    important: true,
    text: (p) =>
      says("service.renewals_invoiced", {
        services: listed(p.services),
        number: p.invoiceNumber,
        paidUntil: { day: p.paidUntil },
        // "it" or "them": by whether there are several, not by a plural rule (Russian's "one" holds 21 too).
        keepRunning: localText(p.services.length > 1 ? "notify.keep_running.several" : "notify.keep_running.one"),
      }),
    subject: (p) => ({
      link: `/invoices/${p.invoiceId}`,
      reference: { type: "invoice", id: p.invoiceId },
      dedupeKey: `service.renewals_invoiced:${p.invoiceId}`,
    }),
  }),
  kind({
    ...services,
    event: "service.cancelled",
    important: true,
    text: (p, n) => says("service.cancelled", { service: serviceName(n, "subject") }, { body: p.atPeriodEnd ? "body_at_period_end" : "body" }),
    subject: (p) => service(p.serviceId, `service.cancelled:${p.serviceId}`),
  }),
  kind({
    ...finance,
    event: "invoice.issued",
    important: true,
    raises: (p) => !p.announcedElsewhere,
    text: () => says("invoice.issued"),
    subject: (p) => ({ link: `/invoices/${p.invoiceId}`, reference: { type: "invoice", id: p.invoiceId }, dedupeKey: `invoice.issued:${p.invoiceId}` }),
  }),
  kind({
    ...finance,
    event: "payment.succeeded",
    important: true,
    text: (p) => says("payment.succeeded", { amount: { money: { amount: p.amount, currency: p.currency } } }),
    subject: (p) => ({ link: "/payments", reference: { type: "payment", id: p.paymentId }, dedupeKey: `payment.succeeded:${p.paymentId}` }),
  }),
  kind({
    event: "document.ready",
    group: "finance",
    // Whoever may read the documents: an accountant holds `finance`, some are given `documents`.
    audience: { permissions: ["finance", "documents"] },
    important: false,
    text: () => says("document.ready"),
    subject: (p) => ({ link: `/documents/${p.documentId}`, reference: { type: "document", id: p.documentId }, dedupeKey: `document.ready:${p.documentId}` }),
  }),
  kind({
    event: "ticket.replied",
    group: "support",
    audience: { permissions: ["support"] },
    important: true,
    text: () => says("ticket.replied"),
    subject: (p) => ({ link: `/tickets/${p.ticketId}`, reference: { type: "ticket", id: p.ticketId }, dedupeKey: `ticket.replied:${p.messageId}` }),
  }),
  kind({
    event: "user.signed_in",
    group: "security",
    audience: "the-user",
    important: true,
    text: (p) => says("user.signed_in", { device: p.userAgent.slice(0, 150) || localText("notify.unknown_browser"), ip: p.ip }),
    subject: (p) => ({ link: null, reference: { type: "session", id: p.sessionId }, dedupeKey: `user.signed_in:${p.sessionId}` }),
  }),
  kind({
    event: "user.sign_up_attempted",
    group: "security",
    audience: "the-user",
    important: true,
    text: (p) => says("user.sign_up_attempted", { ip: p.ip }),
    // One notice per user per hour, however often the address is tried.
    subject: (p) => ({ link: null, reference: null, dedupeKey: `user.sign_up_attempted:${p.userId}:${Math.floor(p.at / 3_600_000)}` }),
  }),
  ...accountSecurityKinds(),
  kind({
    event: "privacy.export_ready",
    group: "security",
    audience: "the-user",
    important: true,
    text: () => says("privacy.export_ready"),
    subject: (p) => ({ link: "/privacy", reference: { type: "data_export", id: p.exportId }, dedupeKey: `privacy.export_ready:${p.exportId}` }),
  }),
];

/** One-time links and notices of the account's security (accounts module's events). */
function accountSecurityKinds(): NotificationKind[] {
  const mandatory = { group: "security", audience: "the-user", important: true, mandatoryEmail: true } as const;
  const notice = { group: "security", audience: "the-user", important: true } as const;
  return [
    kind({
      ...mandatory,
      event: "user.password_reset_requested",
      text: (p) => says("user.password_reset_requested", { link: p.link, until: new Date(p.expiresAt).toISOString().slice(11, 16) }),
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.password_reset_requested:${p.tokenId}` }),
    }),
    kind({
      ...mandatory,
      event: "user.email_change_requested",
      recipientEmail: (p) => p.newEmail,
      text: (p) => says("user.email_change_requested", { link: p.link }),
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.email_change_requested:${p.tokenId}` }),
    }),
    kind({
      ...mandatory,
      event: "user.email_verification_requested",
      text: (p) => says("user.email_verification_requested", { link: p.link }),
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.email_verification_requested:${p.tokenId}` }),
    }),
    kind({
      ...mandatory,
      event: "user.email_changed",
      recipientEmail: (p) => p.oldEmail,
      text: (p) => says("user.email_changed", { newEmail: p.newEmail }),
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.email_changed:${p.userId}:${p.at}` }),
    }),
    kind({
      // The invitee may have no login yet: the e-mail goes out as the inviting owner's
      // notification (never shown in their centre), to the invitee's address, in the owner's language.
      ...mandatory,
      event: "user.invited",
      recipientEmail: (p) => p.email,
      text: (p) => says("user.invited", { account: p.accountName, invitedBy: p.invitedBy, until: { day: p.expiresAt }, link: p.link }),
      // Each link its own e-mail: a resent invitation has a new link.
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.invited:${p.invitationId}:${p.link.slice(-16)}` }),
    }),
    kind({
      ...notice,
      event: "staff.signed_in_as_client",
      // The brand decides (`announceStaffSignIn`); the audit log records the sign-in either way.
      raises: (p) => p.announce,
      text: (p) => says("staff.signed_in_as_client", { staff: p.staffName, mode: localText(`notify.staff_mode.${p.mode}`) }),
      subject: (p) => ({ link: "/audit", reference: { type: "session", id: p.sessionId }, dedupeKey: `staff.signed_in_as_client:${p.sessionId}` }),
    }),
    kind({
      ...notice,
      event: "user.password_changed",
      text: () => says("user.password_changed"),
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.password_changed:${p.userId}:${p.at}` }),
    }),
    kind({
      ...notice,
      event: "user.two_factor_changed",
      text: (p) => says("user.two_factor_changed", {}, { title: p.enabled ? "title_on" : "title_off" }),
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.two_factor_changed:${p.userId}:${p.at}` }),
    }),
  ];
}

export const notificationKindByEvent = new Map(notificationKinds.map((k) => [k.event as string, k]));

/** A kind's name in the preferences, in `locale`. */
export const notificationLabel = (kind: NotificationKind, locale: string | null | undefined) => renderText(localText(`notify.${kind.event}.label`), locale);

/** What `kind` says about `payload`, written out in `locale`. */
export function writeNotification(kind: NotificationKind, payload: unknown, locale: string | null | undefined, names?: NotificationNames) {
  const text = kind.text(payload as never, names);
  return { title: renderText(text.title, locale), body: renderText(text.body, locale) };
}
