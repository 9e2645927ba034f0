import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { smtpPort } from "../playwright.config.js";

export interface ReceivedMail {
  to: string[];
  text: string;
  subject: string;
}

/**
 * A real SMTP server on the port the demo mails to (playwright.config.ts), keeping what
 * arrives, for a spec's `beforeAll` (and `close` in its `afterAll`).
 */
export async function openMailbox(): Promise<{ mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text: mail.text ?? "", subject: mail.subject ?? "" });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(smtpPort, "127.0.0.1", () => resolve());
  });
  if ((smtp.server.address() as AddressInfo).port !== smtpPort) throw new Error(`the mailbox is not on port ${smtpPort}`);
  return { mails, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}
