import { request as httpRequest, type IncomingMessage } from "node:http";
import { definePlugin, newId, TOKENS, type CabinetEvents, type EventBus, type EventName, type NotificationChannel } from "../../src/index.js";
import { AccountRepository } from "../../src/modules/accounts/account.repository.js";
import type { Permission } from "../../src/modules/accounts/auth-context.js";
import type { TestCabinet } from "./test-cabinet.js";

type Delivery = Parameters<NotificationChannel["deliver"]>[0];
type Outcome = Awaited<ReturnType<NotificationChannel["deliver"]>>;

/**
 * A `notification-channel` whose answers the test scripts: each call takes the next scripted
 * step (an outcome, a throw, or a hang the test releases), and delivers once the script is
 * empty. `dedupe` makes it remember delivery ids, as a channel that must not send twice does.
 */
export class ScriptedChannel implements NotificationChannel {
  readonly calls: Delivery[] = [];
  readonly script: (Outcome | "throw" | "hang")[] = [];
  private readonly hung: (() => void)[] = [];
  dedupe = false;

  /** `sent` is what reached the outside world (every call, or once per delivery id when `dedupe`): several cores' channels may share it. */
  constructor(
    readonly id = "scripted",
    readonly sent: Delivery[] = [],
  ) {}

  async deliver(n: Delivery): Promise<Outcome> {
    this.calls.push(n);
    const step = this.script.shift();
    if (step === "throw") throw new Error("the channel fell over");
    if (step !== undefined && step !== "hang") return step;
    if (!this.dedupe || !this.sent.some((s) => s.deliveryId === n.deliveryId)) this.sent.push(n);
    // A hang models a worker that dies after the send and before recording it: it never answers until released.
    if (step === "hang") await new Promise<void>((resolve) => this.hung.push(resolve));
    return { status: "delivered", externalId: `ext-${n.deliveryId}` };
  }

  release(): void {
    for (const resolve of this.hung.splice(0)) resolve();
  }

  callsFor(notificationId: string): Delivery[] {
    return this.calls.filter((c) => c.notificationId === notificationId);
  }
}

export const scriptedChannelPlugin = (channel: ScriptedChannel) =>
  definePlugin({ name: `notify-${channel.id}`, version: "1.0.0", coreRange: "^0.1.0", register: ({ provide }) => provide("notification-channel", channel) });

/** A member of the account holding `permissions` (the owner when `role` says so), signed in with a bearer token. */
export async function addUser(t: TestCabinet, accountId: string, options: { permissions?: Permission[]; locale?: string; userAgent?: string } = {}) {
  const accounts = t.cabinet.container.resolve(AccountRepository);
  const brandId = (await accounts.findAccount(accountId))!.brandId;
  const hasher = t.cabinet.container.resolve<{ hash(p: string): Promise<string> }>(TOKENS.PasswordHasher);
  const userId = newId("usr");
  const email = `member-${userId.slice(4)}@example.org`;
  await accounts.insertUser({
    id: userId,
    brandId,
    accountId,
    email,
    name: "Member",
    passwordHash: await hasher.hash("member password"),
    role: "member",
    permissions: options.permissions ?? [],
    status: "active",
    locale: options.locale ?? "en",
    createdAt: t.clock.now(),
  });
  const signedIn = await t.request("POST", "/api/v1/auth/sign-in", {
    body: { email, password: "member password", mode: "bearer" },
    headers: { "user-agent": options.userAgent ?? "test-agent" },
  });
  return { userId, email, token: signedIn.body.token as string };
}

/** Publishes a domain event on a core, as the module that owns it would after its commit. */
export function publish<K extends EventName>(t: TestCabinet, event: K, payload: CabinetEvents[K]): Promise<void> {
  return t.cabinet.container.resolve<EventBus>(TOKENS.EventBus).publish(event, payload);
}

/** The notifications a user's centre lists (newest first). */
export async function listed(t: TestCabinet, token: string, query = ""): Promise<any[]> {
  const response = await t.request("GET", `/api/v1/notifications${query}`, { token });
  if (response.status !== 200) throw new Error(`list failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.items;
}

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** A Server-Sent Events client over plain node:http, reading events as they arrive. */
export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  private buffer = "";
  private waiters: (() => void)[] = [];

  /** Settles when the server ends the stream. */
  readonly ended: Promise<void>;

  private constructor(
    readonly response: IncomingMessage,
    private readonly close_: () => void,
  ) {
    this.ended = new Promise((resolve) => response.once("end", resolve));
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf("\n\n")) >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const event: SseEvent = { event: "message", data: "" };
        let isEvent = false;
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) this.comments++;
          else if (line.startsWith("id: ")) event.id = line.slice(4);
          else if (line.startsWith("event: ")) {
            event.event = line.slice(7);
            isEvent = true;
          } else if (line.startsWith("data: ")) event.data += line.slice(6);
        }
        if (isEvent) this.events.push(event);
        for (const wake of this.waiters.splice(0)) wake();
      }
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => resolve(new SseClient(res, () => req.destroy())));
      req.on("error", reject);
      req.end();
    });
  }

  /** The notifications received, parsed. */
  notifications(): any[] {
    return this.events.filter((e) => e.event === "notification").map((e) => ({ ...JSON.parse(e.data), eventId: e.id }));
  }

  /** Waits until `count` notifications have arrived (fails after `timeoutMs`). */
  async waitForNotifications(count: number, timeoutMs = 5000): Promise<any[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.notifications().length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${count} notifications; got ${this.notifications().length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return this.notifications();
  }

  /** The last unread count received. */
  lastUnread(): number | undefined {
    const last = this.events.filter((e) => e.event === "unread").at(-1);
    return last && JSON.parse(last.data).count;
  }

  close(): void {
    this.close_();
  }
}
