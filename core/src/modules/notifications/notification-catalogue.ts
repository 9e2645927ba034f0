import type { CabinetEvents } from "../../kernel/event-bus.js";
import type { Permission } from "../accounts/index.js";
import { formatMoney } from "../../extension-points/money.js";

export const notificationGroups = ["services", "finance", "support", "security"] as const;
export type NotificationGroup = (typeof notificationGroups)[number];
export type NotificationLocale = "en" | "ru";

/** The channel every user has: the centre in the client area. */
export const IN_APP = "in-app";

/** What a notification says, in one language. */
export interface NotificationText {
  title: string;
  body: string;
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
 * enough to go out by e-mail and other channels by default, and its text in each language.
 */
export interface NotificationKind<K extends keyof CabinetEvents = keyof CabinetEvents> {
  event: K;
  group: NotificationGroup;
  /** Important kinds go to every external channel by default; the others only in-app. */
  important: boolean;
  label: Record<NotificationLocale, string>;
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
  text(payload: CabinetEvents[K], locale: NotificationLocale, names?: NotificationNames): NotificationText;
  subject(payload: CabinetEvents[K]): NotificationSubject;
}

const kind = <K extends keyof CabinetEvents>(k: NotificationKind<K>) => k as unknown as NotificationKind;

const service = (serviceId: string, dedupeKey: string | null): NotificationSubject => ({
  link: `/services/${serviceId}`,
  reference: { type: "service", id: serviceId },
  dedupeKey,
});
const services = { group: "services", audience: { permissions: ["services"] } } as const;
const finance = { group: "finance", audience: { permissions: ["finance"] } } as const;
const date = (ms: number, locale: NotificationLocale) =>
  new Date(ms).toLocaleDateString(locale === "ru" ? "ru-RU" : "en-GB", { timeZone: "UTC", dateStyle: "long" });
// Currency-aware (1200 JPY is ¥1,200, not ¥12), and as the widgets write it: "$129.00", not en-GB's "US$129.00".
const money = (amount: number, currency: string, locale: NotificationLocale) => formatMoney({ amount, currency }, locale === "ru" ? "ru-RU" : "en-US");
/** The service a text is about, by name: «web-01» / “web-01”; without a name, "your service". */
const named = (names: NotificationNames | undefined, l: NotificationLocale, en: "Your service" | "your service", ru: "Услуга" | "услуга" = "Услуга") =>
  names?.service ? (l === "ru" ? `«${names.service}»` : `“${names.service}”`) : l === "ru" ? ru : en;

/** Services by name, the first three and how many more: «web-01», «db-02» и ещё 3 / “web-01”, “db-02” and 3 more. */
function listed(services: { name: string }[], l: NotificationLocale): string {
  const quoted = services.slice(0, 3).map((s) => (l === "ru" ? `«${s.name}»` : `“${s.name}”`));
  const more = services.length - quoted.length;
  if (more > 0) return `${quoted.join(", ")} ${l === "ru" ? `и ещё ${more}` : `and ${more} more`}`;
  if (quoted.length === 1) return quoted[0];
  return `${quoted.slice(0, -1).join(", ")} ${l === "ru" ? "и" : "and"} ${quoted.at(-1)}`;
}

const suspendReason = {
  en: { unpaid: "it was not paid for", staff: "our staff suspended it", client: "you asked for it" },
  ru: { unpaid: "она не оплачена", staff: "её приостановили наши сотрудники", client: "вы об этом попросили" },
} as const;

/** Every notification the core raises, by event. */
export const notificationKinds: NotificationKind[] = [
  kind({
    ...services,
    event: "service.ordered",
    important: false,
    label: { en: "Service ordered", ru: "Услуга заказана" },
    text: (p, l, n) =>
      l === "ru"
        ? {
            title: "Услуга заказана",
            body: p.awaitingInvoiceId
              ? `Заказ принят; ${named(n, l, "your service", "услуга")} запустится после оплаты счёта.`
              : `Заказ принят; ${named(n, l, "your service", "услуга")} запускается.`,
          }
        : {
            title: "Service ordered",
            body: p.awaitingInvoiceId
              ? `Your order is in; ${named(n, l, "your service")} starts once its invoice is paid.`
              : `Your order is in; ${named(n, l, "your service")} is starting.`,
          },
    subject: (p) => service(p.serviceId, `service.ordered:${p.serviceId}`),
  }),
  kind({
    ...services,
    event: "service.activated",
    important: true,
    label: { en: "Service activated", ru: "Услуга запущена" },
    text: (_p, l, n) =>
      l === "ru"
        ? { title: "Услуга запущена", body: `${named(n, l, "Your service")} работает и готова к использованию.` }
        : { title: "Service activated", body: `${named(n, l, "Your service")} is up and ready to use.` },
    subject: (p) => service(p.serviceId, `service.activated:${p.serviceId}`),
  }),
  kind({
    ...services,
    event: "service.provisioning_failed",
    important: true,
    label: { en: "Service could not be started", ru: "Услугу не удалось запустить" },
    text: (_p, l, n) =>
      l === "ru"
        ? {
            title: "Услугу не удалось запустить",
            body: `При запуске ${n?.service ? `услуги ${named(n, l, "your service")}` : "услуги"} произошла ошибка. Мы уже разбираемся; при необходимости напишите в поддержку.`,
          }
        : {
            title: "Service could not be started",
            body: `Something went wrong while starting ${named(n, l, "your service")}. We are looking into it; contact support if you need help.`,
          },
    subject: (p) => service(p.serviceId, null),
  }),
  kind({
    ...services,
    event: "service.suspended",
    important: true,
    label: { en: "Service suspended", ru: "Услуга приостановлена" },
    text: (p, l, n) =>
      l === "ru"
        ? { title: "Услуга приостановлена", body: `${named(n, l, "Your service")} приостановлена: ${suspendReason.ru[p.reason]}.` }
        : { title: "Service suspended", body: `${named(n, l, "Your service")} is suspended: ${suspendReason.en[p.reason]}.` },
    subject: (p) => service(p.serviceId, null),
  }),
  kind({
    ...services,
    event: "service.renewal_due",
    important: true,
    label: { en: "Renewal due", ru: "Пора продлить услугу" },
    text: (p, l, n) =>
      l === "ru"
        ? {
            title: "Пора продлить услугу",
            body: `${named(n, l, "Your service")} оплачена до ${date(p.paidUntil, l)}, и баланса не хватает на продление. Оплатите счёт, чтобы она продолжила работу.`,
          }
        : {
            title: "Renewal due",
            body: `${named(n, l, "Your service")} is paid until ${date(p.paidUntil, l)} and the balance does not cover its renewal. Pay the invoice to keep it running.`,
          },
    subject: (p) => ({
      ...service(p.serviceId, `service.renewal_due:${p.serviceId}:${p.paidUntil}`),
      link: p.invoiceId ? `/invoices/${p.invoiceId}` : `/services/${p.serviceId}`,
    }),
  }),
  kind({
    ...services,
    event: "service.renewal_failed",
    important: true,
    label: { en: "Renewal failed", ru: "Продление не удалось" },
    text: (_p, l, n) =>
      l === "ru"
        ? {
            title: "Продление не удалось",
            body: `На балансе недостаточно средств, чтобы продлить ${n?.service ? `услугу ${named(n, l, "your service")}` : "услугу"}. Пополните баланс или оплатите счёт.`,
          }
        : { title: "Renewal failed", body: `The balance was not enough to renew ${named(n, l, "your service")}. Top up or pay the invoice.` },
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
    label: { en: "Renewals need payment", ru: "Нужно оплатить продление" },
    text: (p, l) =>
      l === "ru"
        ? {
            title: "Нужно оплатить продление",
            body: `Баланса не хватает на продление: ${listed(p.services, l)}. Оплатите счёт ${p.invoiceNumber} до ${date(p.paidUntil, l)}, чтобы ${p.services.length > 1 ? "услуги продолжили" : "услуга продолжила"} работу.`,
          }
        : {
            title: "Renewals need payment",
            body: `The balance does not cover the renewal of ${listed(p.services, l)}. Pay invoice ${p.invoiceNumber} by ${date(p.paidUntil, l)} to keep ${p.services.length > 1 ? "them" : "it"} running.`,
          },
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
    label: { en: "Service cancelled", ru: "Услуга отменена" },
    text: (p, l, n) =>
      l === "ru"
        ? {
            title: "Услуга отменена",
            body: p.atPeriodEnd
              ? `${named(n, l, "Your service")} будет остановлена в конце оплаченного периода.`
              : `${named(n, l, "Your service")} остановлена.`,
          }
        : {
            title: "Service cancelled",
            body: p.atPeriodEnd ? `${named(n, l, "Your service")} stops at the end of the paid period.` : `${named(n, l, "Your service")} has stopped.`,
          },
    subject: (p) => service(p.serviceId, `service.cancelled:${p.serviceId}`),
  }),
  kind({
    ...finance,
    event: "invoice.issued",
    important: true,
    raises: (p) => !p.announcedElsewhere,
    label: { en: "Invoice issued", ru: "Выставлен счёт" },
    text: (_p, l) =>
      l === "ru" ? { title: "Выставлен счёт", body: "Вам выставлен новый счёт." } : { title: "Invoice issued", body: "A new invoice has been issued to you." },
    subject: (p) => ({ link: `/invoices/${p.invoiceId}`, reference: { type: "invoice", id: p.invoiceId }, dedupeKey: `invoice.issued:${p.invoiceId}` }),
  }),
  kind({
    ...finance,
    event: "payment.succeeded",
    important: true,
    label: { en: "Payment received", ru: "Платёж получен" },
    text: (p, l) =>
      l === "ru"
        ? { title: "Платёж получен", body: `Мы получили ваш платёж на ${money(p.amount, p.currency, l)}. Спасибо!` }
        : { title: "Payment received", body: `We received your payment of ${money(p.amount, p.currency, l)}. Thank you!` },
    subject: (p) => ({ link: "/payments", reference: { type: "payment", id: p.paymentId }, dedupeKey: `payment.succeeded:${p.paymentId}` }),
  }),
  kind({
    event: "document.ready",
    group: "finance",
    // Whoever may read the documents: an accountant holds `finance`, some are given `documents`.
    audience: { permissions: ["finance", "documents"] },
    important: false,
    label: { en: "Document ready", ru: "Документ готов" },
    text: (_p, l) =>
      l === "ru"
        ? { title: "Документ готов", body: "Новый документ готов к скачиванию." }
        : { title: "Document ready", body: "A new document is ready to download." },
    subject: (p) => ({ link: `/documents/${p.documentId}`, reference: { type: "document", id: p.documentId }, dedupeKey: `document.ready:${p.documentId}` }),
  }),
  kind({
    event: "ticket.replied",
    group: "support",
    audience: { permissions: ["support"] },
    important: true,
    label: { en: "Reply from support", ru: "Ответ поддержки" },
    text: (_p, l) =>
      l === "ru"
        ? { title: "Ответ поддержки", body: "Поддержка ответила на ваше обращение." }
        : { title: "Reply from support", body: "Support has replied to your ticket." },
    subject: (p) => ({ link: `/tickets/${p.ticketId}`, reference: { type: "ticket", id: p.ticketId }, dedupeKey: `ticket.replied:${p.messageId}` }),
  }),
  kind({
    event: "user.signed_in",
    group: "security",
    audience: "the-user",
    important: true,
    label: { en: "Sign-in from a new device", ru: "Вход с нового устройства" },
    text: (p, l) =>
      l === "ru"
        ? {
            title: "Вход с нового устройства",
            body: `В ваш аккаунт вошли с нового устройства: ${p.userAgent.slice(0, 150) || "неизвестный браузер"}, IP ${p.ip}. Если это были не вы, смените пароль.`,
          }
        : {
            title: "Sign-in from a new device",
            body: `Someone signed in to your account from a new device: ${p.userAgent.slice(0, 150) || "unknown browser"}, IP ${p.ip}. If it was not you, change your password.`,
          },
    subject: (p) => ({ link: null, reference: { type: "session", id: p.sessionId }, dedupeKey: `user.signed_in:${p.sessionId}` }),
  }),
  kind({
    event: "user.sign_up_attempted",
    group: "security",
    audience: "the-user",
    important: true,
    label: { en: "Sign-up with your e-mail", ru: "Регистрация с вашим адресом" },
    text: (p, l) =>
      l === "ru"
        ? {
            title: "Попытка регистрации с вашим адресом",
            body: `Кто-то (IP ${p.ip}) пытался зарегистрироваться с адресом вашего аккаунта. Аккаунт уже есть, ничего не создано. Если это были вы — просто войдите; если забыли пароль, восстановите его.`,
          }
        : {
            title: "Someone tried to sign up with your e-mail",
            body: `Someone (IP ${p.ip}) tried to sign up with the e-mail of your account. You already have an account, so nothing was created. If it was you, just sign in; if you forgot your password, reset it.`,
          },
    // One notice per user per hour, however often the address is tried.
    subject: (p) => ({ link: null, reference: null, dedupeKey: `user.sign_up_attempted:${p.userId}:${Math.floor(p.at / 3_600_000)}` }),
  }),
  ...accountSecurityKinds(),
  kind({
    event: "privacy.export_ready",
    group: "security",
    audience: "the-user",
    important: true,
    label: { en: "Your data export is ready", ru: "Выгрузка ваших данных готова" },
    text: (_p, l) =>
      l === "ru"
        ? {
            title: "Выгрузка ваших данных готова",
            body: "Архив со всеми данными, которые мы о вас храним, готов к скачиванию в разделе конфиденциальности. Он будет доступен 7 дней.",
          }
        : {
            title: "Your data export is ready",
            body: "The archive of everything we hold about you can be downloaded from your privacy settings. It is available for 7 days.",
          },
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
      label: { en: "Password reset", ru: "Сброс пароля" },
      text: (p, l) =>
        l === "ru"
          ? {
              title: "Сброс пароля",
              body: `Чтобы задать новый пароль, откройте ссылку (она действует один раз, до ${new Date(p.expiresAt).toISOString().slice(11, 16)} UTC):\n\n${p.link}\n\nЕсли вы не просили сброс, ничего не делайте: пароль останется прежним.`,
            }
          : {
              title: "Reset your password",
              body: `To choose a new password, open this link (it works once, until ${new Date(p.expiresAt).toISOString().slice(11, 16)} UTC):\n\n${p.link}\n\nIf you did not ask for this, do nothing: your password stays as it is.`,
            },
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.password_reset_requested:${p.tokenId}` }),
    }),
    kind({
      ...mandatory,
      event: "user.email_change_requested",
      label: { en: "Confirm your new e-mail", ru: "Подтверждение нового адреса" },
      recipientEmail: (p) => p.newEmail,
      text: (p, l) =>
        l === "ru"
          ? { title: "Подтвердите новый адрес", body: `Чтобы входить с этим адресом, откройте ссылку (она действует один раз):\n\n${p.link}` }
          : { title: "Confirm your new e-mail address", body: `To sign in with this address from now on, open this link (it works once):\n\n${p.link}` },
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.email_change_requested:${p.tokenId}` }),
    }),
    kind({
      ...mandatory,
      event: "user.email_verification_requested",
      label: { en: "Confirm your e-mail", ru: "Подтверждение адреса" },
      text: (p, l) =>
        l === "ru"
          ? { title: "Подтвердите адрес", body: `Откройте ссылку, чтобы подтвердить адрес:\n\n${p.link}` }
          : { title: "Confirm your e-mail address", body: `Open this link to confirm your address:\n\n${p.link}` },
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.email_verification_requested:${p.tokenId}` }),
    }),
    kind({
      ...mandatory,
      event: "user.email_changed",
      label: { en: "E-mail changed", ru: "Адрес изменён" },
      recipientEmail: (p) => p.oldEmail,
      text: (p, l) =>
        l === "ru"
          ? {
              title: "Адрес входа изменён",
              body: `Адрес для входа в ваш аккаунт изменён на ${p.newEmail}. Если это были не вы, срочно свяжитесь с поддержкой.`,
            }
          : {
              title: "Your sign-in e-mail was changed",
              body: `The e-mail address you sign in with was changed to ${p.newEmail}. If this was not you, contact support at once.`,
            },
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.email_changed:${p.userId}:${p.at}` }),
    }),
    kind({
      // The invitee may have no login yet: the e-mail goes out as the inviting owner's
      // notification (never shown in their centre), to the invitee's address, in the owner's language.
      ...mandatory,
      event: "user.invited",
      label: { en: "Invitation to an account", ru: "Приглашение в аккаунт" },
      recipientEmail: (p) => p.email,
      text: (p, l) =>
        l === "ru"
          ? {
              title: `Приглашение в аккаунт «${p.accountName}»`,
              body: `${p.invitedBy} приглашает вас в аккаунт «${p.accountName}». Чтобы принять приглашение, откройте ссылку (она действует один раз, до ${date(p.expiresAt, l)}):\n\n${p.link}\n\nЕсли вы не ждали приглашения, ничего не делайте.`,
            }
          : {
              title: `You are invited to the account “${p.accountName}”`,
              body: `${p.invitedBy} invites you to the account “${p.accountName}”. To accept, open this link (it works once, until ${date(p.expiresAt, l)}):\n\n${p.link}\n\nIf you did not expect this, do nothing.`,
            },
      // Each link its own e-mail: a resent invitation has a new link.
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.invited:${p.invitationId}:${p.link.slice(-16)}` }),
    }),
    kind({
      ...notice,
      event: "staff.signed_in_as_client",
      label: { en: "Our staff opened your client area", ru: "Сотрудник открыл ваш личный кабинет" },
      // The brand decides (`announceStaffSignIn`); the audit log records the sign-in either way.
      raises: (p) => p.announce,
      text: (p, l) =>
        l === "ru"
          ? {
              title: "Сотрудник открыл ваш личный кабинет",
              body: `${p.staffName} открыл(а) ваш личный кабинет ${p.mode === "read" ? "только для просмотра" : "с правом действовать от вашего имени"} на один час. Всё, что сделано в этом сеансе, записано в журнал действий. Если вы не просили об этом, свяжитесь с поддержкой.`,
            }
          : {
              title: "Our staff opened your client area",
              body: `${p.staffName} opened your client area ${p.mode === "read" ? "read-only" : "able to act for you"} for an hour. Everything done in that session is in your audit log. If you did not ask for this, contact support.`,
            },
      subject: (p) => ({ link: "/audit", reference: { type: "session", id: p.sessionId }, dedupeKey: `staff.signed_in_as_client:${p.sessionId}` }),
    }),
    kind({
      ...notice,
      event: "user.password_changed",
      label: { en: "Password changed", ru: "Пароль изменён" },
      text: (_p, l) =>
        l === "ru"
          ? {
              title: "Пароль изменён",
              body: "Пароль вашего аккаунта изменён, остальные сеансы завершены. Если это были не вы, сбросьте пароль и свяжитесь с поддержкой.",
            }
          : {
              title: "Password changed",
              body: "Your password was changed and your other sessions were ended. If this was not you, reset your password and contact support.",
            },
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.password_changed:${p.userId}:${p.at}` }),
    }),
    kind({
      ...notice,
      event: "user.two_factor_changed",
      label: { en: "Two-factor authentication changed", ru: "Двухфакторная аутентификация" },
      text: (p, l) =>
        l === "ru"
          ? {
              title: p.enabled ? "Двухфакторная аутентификация включена" : "Двухфакторная аутентификация выключена",
              body: "Если это были не вы, срочно смените пароль.",
            }
          : {
              title: p.enabled ? "Two-factor authentication turned on" : "Two-factor authentication turned off",
              body: "If this was not you, change your password at once.",
            },
      subject: (p) => ({ link: null, reference: null, dedupeKey: `user.two_factor_changed:${p.userId}:${p.at}` }),
    }),
  ];
}

export const notificationKindByEvent = new Map(notificationKinds.map((k) => [k.event as string, k]));

export function notificationLocale(locale: string): NotificationLocale {
  return locale.toLowerCase().startsWith("ru") ? "ru" : "en";
}
