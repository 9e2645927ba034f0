import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 and a random port that keeps what arrives, parsed. `refuseWith`
 * makes it answer RCPT TO with that SMTP code, as a full mailbox (452) or an unknown user (550) would.
 */
export class LocalSmtpServer {
  readonly received: ReceivedMail[] = [];
  refuseWith: number | null = null;
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<LocalSmtpServer> {
    let self: LocalSmtpServer | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (!self?.refuseWith) return callback();
        const refusal = Object.assign(new Error(self.refuseWith < 500 ? "Mailbox busy, try later" : "No such user"), { responseCode: self.refuseWith });
        callback(refusal);
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            self!.received.push({
              envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address) },
              mail,
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self = new LocalSmtpServer(server, (server.server.address() as AddressInfo).port);
    return self;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
