import nodemailer, { type Transporter } from "nodemailer";
import type { BrandLookup, NotificationChannel } from "@cabinet/core";
import type { EmailOptions } from "./email-options.js";
import { EmailTemplates } from "./email-templates.js";

type Notification = Parameters<NotificationChannel["deliver"]>[0];
type Outcome = Awaited<ReturnType<NotificationChannel["deliver"]>>;

/** Faults of the connection rather than of the message: the same message may well pass later. */
const transientErrorCodes = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNRESET", "ECONNREFUSED", "EPROTOCOL", "ETLS"]);

/**
 * The `email` notification channel: renders the brand's templates in the user's language and
 * sends them over SMTP. A 4xx answer or a failed connection is retried; a 5xx answer is final.
 */
export class EmailChannel implements NotificationChannel {
  readonly id = "email";
  private readonly transport: Transporter;
  private readonly templates: EmailTemplates;

  constructor(
    private readonly options: EmailOptions,
    private readonly brands: BrandLookup,
    /** Read at each delivery: unset in the config, it is only known once the core listens. */
    private readonly publicUrl: () => string | undefined,
  ) {
    const { host, port, secure, requireTLS, auth, timeoutMs } = options.smtp;
    this.transport = nodemailer.createTransport({
      host,
      port,
      secure,
      requireTLS,
      auth,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    this.templates = new EmailTemplates(options.templatesDir);
  }

  async deliver(notification: Notification): Promise<Outcome> {
    if (!notification.recipient.email) return { status: "failed", reason: "the user has no e-mail address", retryable: false };
    const brand = await this.brands.byId(notification.brandId);
    if (!brand) return { status: "failed", reason: `unknown brand ${notification.brandId}`, retryable: false };
    const locale = EmailTemplates.pickLocale(notification.recipient.locale, brand.defaultLocale);
    const message = await this.templates.render(brand.slug, locale, {
      title: notification.title,
      body: notification.body,
      link: this.absoluteLink(notification.link),
      event: notification.event,
      locale,
      brand: { name: brand.name, slug: brand.slug },
    });
    try {
      const from = this.senderOf(brand);
      const info = await this.transport.sendMail({
        from,
        // The same on a retry, so a mail sent twice (a core that stopped between sending and
        // recording it) is one message to mail clients that thread and deduplicate by it.
        messageId: `<${notification.notificationId}@${from.address.split("@").pop()}>`,
        to: notification.recipient.email,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { "X-Cabinet-Notification-Id": notification.notificationId },
      });
      return { status: "delivered", externalId: info.messageId };
    } catch (error) {
      return failureOf(error as SmtpError);
    }
  }

  close() {
    this.transport.close();
  }

  /**
   * The sender the plugin's options name for the brand, else the brand's own `emailSender`
   * (set by the provider: `cabinet brand update`, the staff API), else the default address
   * under the brand's name.
   */
  private senderOf(brand: { id: string; slug: string; name: string; emailSender?: { name: string; address: string } | null }): {
    name: string;
    address: string;
  } {
    const own = this.options.senders[brand.slug] ?? this.options.senders[brand.id];
    if (own) return parseSender(own);
    if (brand.emailSender) return brand.emailSender;
    return { name: brand.name, address: parseSender(this.options.from).address };
  }

  /** Only http(s) links make it into a message; a path is made absolute with the core's public address. */
  private absoluteLink(link: string | undefined): string | null {
    if (!link) return null;
    try {
      const url = new URL(link, this.publicUrl());
      return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
    } catch {
      return null;
    }
  }
}

/** `Name <address>`, `"Name" <address>` or a bare address. */
function parseSender(sender: string): { name: string; address: string } {
  const match = /^\s*"?(.*?)"?\s*<([^<>]+)>\s*$/.exec(sender);
  return match ? { name: match[1], address: match[2].trim() } : { name: "", address: sender.trim() };
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

function failureOf(error: SmtpError): Outcome {
  if (error.responseCode) {
    const reason = `SMTP ${error.responseCode}: ${(error.response ?? error.message).slice(0, 300)}`;
    return { status: "failed", reason, retryable: error.responseCode < 500 };
  }
  const retryable = transientErrorCodes.has(error.code ?? "");
  return { status: "failed", reason: `${error.code ?? "error"}: ${error.message.slice(0, 300)}`, retryable };
}
