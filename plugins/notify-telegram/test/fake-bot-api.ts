import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SentMessage {
  chat_id: number | string;
  text: string;
  parse_mode?: string;
  reply_to_message_id?: number;
  message_id: number;
}

/**
 * A stand-in for the Telegram Bot API over real HTTP, speaking the methods the plugin uses:
 * `getMe`, `sendMessage` and `getUpdates` (a long poll that answers as soon as a user writes).
 */
export class FakeBotApi {
  readonly token = "123456789:AAFakeTokenForTheLocalBotApi_0123";
  readonly username = "northwind_test_bot";
  readonly sent: SentMessage[] = [];
  /** The `offset` of every getUpdates call, in order. */
  readonly polls: (number | undefined)[] = [];
  /** The next sendMessage answers with this HTTP status and description instead. */
  failNext: { status: number; description: string } | null = null;
  /** The parameters of every setWebhook call. */
  readonly webhooks: object[] = [];
  private updates: { update_id: number; message: object }[] = [];
  private nextUpdateId = 500;
  get lastUpdateId(): number {
    return this.nextUpdateId;
  }
  private nextMessageId = 9000;
  private wake: (() => void)[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeBotApi> {
    let self: FakeBotApi | undefined;
    const server = createServer((req, res) => void self!.route(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self = new FakeBotApi(server);
    return self;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A user writes to the bot in a private chat (the chat id is the user's id, as in Telegram). */
  userWrites(from: { id: number; username?: string; language_code?: string }, text: string | undefined, replyTo?: number): number {
    const update = this.updateOf(from, text, replyTo);
    this.updates.push(update);
    for (const wake of this.wake.splice(0)) wake();
    return update.message.message_id;
  }

  /** The update Telegram makes of a user's message, as getUpdates returns it or a webhook receives it. */
  updateOf(from: { id: number; username?: string; language_code?: string }, text: string | undefined, replyTo?: number) {
    const message: Record<string, unknown> & { message_id: number } = {
      message_id: ++this.nextMessageId,
      date: 0,
      chat: { id: from.id, type: "private" },
      from: { ...from, is_bot: false, first_name: "Test" },
    };
    if (text !== undefined) message.text = text;
    else message.photo = [{ file_id: "photo" }];
    if (replyTo !== undefined) message.reply_to_message = { message_id: replyTo, chat: { id: from.id, type: "private" } };
    return { update_id: ++this.nextUpdateId, message };
  }

  sentTo(chatId: number): SentMessage[] {
    return this.sent.filter((m) => String(m.chat_id) === String(chatId));
  }

  close(): Promise<void> {
    for (const wake of this.wake.splice(0)) wake();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const reply = (status: number, body: object) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!match || match[1] !== this.token) return reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
    switch (match[2]) {
      case "getMe":
        return reply(200, { ok: true, result: { id: 123456789, is_bot: true, first_name: "Northwind", username: this.username } });
      case "sendMessage": {
        if (this.failNext) {
          const { status, description } = this.failNext;
          this.failNext = null;
          return reply(status, { ok: false, error_code: status, description, ...(status === 429 ? { parameters: { retry_after: 3 } } : {}) });
        }
        const message = { ...params, message_id: ++this.nextMessageId } as SentMessage;
        this.sent.push(message);
        return reply(200, { ok: true, result: { message_id: message.message_id, date: 0, chat: { id: params.chat_id, type: "private" }, text: params.text } });
      }
      case "setWebhook":
        this.webhooks.push(params);
        return reply(200, { ok: true, result: true, description: "Webhook was set" });
      case "getUpdates": {
        this.polls.push(params.offset);
        if (params.offset !== undefined) this.updates = this.updates.filter((u) => u.update_id >= params.offset);
        if (!this.updates.length && params.timeout > 0) {
          await new Promise<void>((resolve) => {
            this.wake.push(resolve);
            setTimeout(resolve, params.timeout * 1000);
          });
        }
        if (res.destroyed) return;
        return reply(200, { ok: true, result: this.updates });
      }
      default:
        return reply(404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    }
  }
}
