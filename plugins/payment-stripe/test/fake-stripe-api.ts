import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the fake received it, for assertions on what the plugin sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The form-encoded body, decoded into nested objects the way Stripe reads it. */
  body: Record<string, unknown>;
}

interface FakeSession {
  id: string;
  object: "checkout.session";
  mode: string;
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  success_url: string;
  cancel_url: string;
  url: string | null;
  livemode: false;
  created: number;
  expires_at: number;
}

interface FakeRefund {
  id: string;
  object: "refund";
  amount: number;
  currency: string;
  payment_intent: string;
  status: "succeeded";
  created: number;
}

type Answer = { status: number; body: unknown };

/**
 * A stand-in for the slice of Stripe's API the plugin calls, over real HTTP, so the real
 * `stripe` package does its own encoding, retries and timeouts against it.
 * Sessions and refunds live in memory; idempotency keys replay the first answer like Stripe's.
 */
export class FakeStripeApi {
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, FakeSession>();
  readonly refunds = new Map<string, FakeRefund>();
  private readonly intents = new Map<string, { sessionId: string; amount: number; currency: string; refunded: number }>();
  private readonly idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  private readonly faults: Array<{ status: number } | { delayMs: number }> = [];

  private constructor(
    private readonly server: Server,
    readonly secretKey: string,
  ) {}

  static async start(secretKey = "sk_test_fake_0123456789"): Promise<FakeStripeApi> {
    let api: FakeStripeApi | undefined;
    const server = createServer((req, res) => void api!.handle(req, res));
    api = new FakeStripeApi(server, secretKey);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return api;
  }

  /** The plugin options that point the Stripe client here. */
  get clientOptions(): { apiHost: string; apiPort: number; apiProtocol: "http" } {
    return { apiHost: "127.0.0.1", apiPort: (this.server.address() as AddressInfo).port, apiProtocol: "http" };
  }

  /** The next `count` requests answer with this HTTP status and a Stripe `api_error`. */
  failNext(count: number, status = 500): void {
    for (let i = 0; i < count; i++) this.faults.push({ status });
  }

  /** The next `count` requests wait `delayMs` before being handled; `Infinity` never answers. */
  delayNext(count: number, delayMs: number): void {
    for (let i = 0; i < count; i++) this.faults.push({ delayMs });
  }

  /** What Stripe does when the client pays on the Checkout page. */
  markPaid(sessionId: string): void {
    const session = this.session(sessionId);
    const intent = `pi_${token()}`;
    this.intents.set(intent, { sessionId, amount: session.amount_total, currency: session.currency, refunded: 0 });
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: intent, url: null });
  }

  markExpired(sessionId: string): void {
    Object.assign(this.session(sessionId), { status: "expired", url: null });
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  async close(): Promise<void> {
    // Requests told to hang would otherwise keep the server open forever.
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private session(id: string): FakeSession {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`fake Stripe has no session ${id}`);
    return session;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    this.requests.push({ method, path: url.pathname, headers: req.headers, body: decodeForm(raw) });

    const fault = this.faults.shift();
    if (fault && "delayMs" in fault) {
      if (fault.delayMs === Infinity) return;
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (res.destroyed) return;
    }
    if (fault && "status" in fault) return send(res, { status: fault.status, body: stripeError("api_error", "Something went wrong on the fake's end.") });

    if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
      return send(res, { status: 401, body: stripeError("authentication_error", "Invalid API Key provided.") });
    }

    const key = req.headers["idempotency-key"];
    if (method === "POST" && typeof key === "string") {
      const fingerprint = `${url.pathname} ${raw}`;
      const seen = this.idempotent.get(key);
      if (seen && seen.fingerprint !== fingerprint) {
        return send(res, {
          status: 400,
          body: stripeError("idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with."),
        });
      }
      if (seen) return send(res, seen.answer, { "idempotent-replayed": "true" });
      const answer = this.route(method, url.pathname, decodeForm(raw));
      // Like Stripe, only answers that reached the API (not 5xx) are saved for replay.
      if (answer.status < 500) this.idempotent.set(key, { fingerprint, answer });
      return send(res, answer);
    }
    send(res, this.route(method, url.pathname, decodeForm(raw)));
  }

  private route(method: string, path: string, body: Record<string, any>): Answer {
    if (method === "POST" && path === "/v1/checkout/sessions") return this.createSession(body);
    const retrieve = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === "GET" && retrieve) {
      const session = this.sessions.get(decodeURIComponent(retrieve[1]));
      return session ? { status: 200, body: session } : missing(`No such checkout.session: '${retrieve[1]}'`, "id");
    }
    if (method === "POST" && path === "/v1/refunds") return this.createRefund(body);
    return { status: 404, body: stripeError("invalid_request_error", `Unrecognized request URL (${method}: ${path}).`) };
  }

  private createSession(body: Record<string, any>): Answer {
    const item = body.line_items?.[0];
    const price = item?.price_data;
    if (body.mode !== "payment" || !price?.currency || !/^\d+$/.test(price.unit_amount ?? "") || !price.product_data?.name) {
      return { status: 400, body: stripeError("invalid_request_error", "Missing or invalid line_items[0][price_data].", "parameter_invalid") };
    }
    if (!body.success_url) return { status: 400, body: stripeError("invalid_request_error", "Missing required param: success_url.", "parameter_missing") };
    const id = `cs_test_${token()}`;
    const now = Math.floor(Date.now() / 1000);
    const session: FakeSession = {
      id,
      object: "checkout.session",
      mode: body.mode,
      status: "open",
      payment_status: "unpaid",
      amount_total: Number(price.unit_amount) * Number(item.quantity ?? 1),
      currency: price.currency,
      client_reference_id: body.client_reference_id ?? null,
      metadata: body.metadata ?? {},
      payment_intent: null,
      success_url: body.success_url,
      cancel_url: body.cancel_url,
      url: `https://checkout.stripe.test/c/pay/${id}`,
      livemode: false,
      created: now,
      expires_at: now + 24 * 3600,
    };
    this.sessions.set(id, session);
    return { status: 200, body: session };
  }

  private createRefund(body: Record<string, any>): Answer {
    const intent = this.intents.get(body.payment_intent);
    if (!intent) return missing(`No such payment_intent: '${body.payment_intent}'`, "payment_intent");
    const amount = body.amount === undefined ? intent.amount - intent.refunded : Number(body.amount);
    if (intent.refunded >= intent.amount) {
      return {
        status: 400,
        body: stripeError("invalid_request_error", `Charge for ${body.payment_intent} has already been refunded.`, "charge_already_refunded"),
      };
    }
    if (!(amount > 0) || amount > intent.amount - intent.refunded) {
      return {
        status: 400,
        body: stripeError(
          "invalid_request_error",
          `Refund amount (${amount}) is greater than unrefunded amount on charge (${intent.amount - intent.refunded})`,
          "amount_too_large",
          "amount",
        ),
      };
    }
    intent.refunded += amount;
    const refund: FakeRefund = {
      id: `re_${token()}`,
      object: "refund",
      amount,
      currency: intent.currency,
      payment_intent: body.payment_intent,
      status: "succeeded",
      created: Math.floor(Date.now() / 1000),
    };
    this.refunds.set(refund.id, refund);
    return { status: 200, body: refund };
  }
}

function send(res: ServerResponse, answer: Answer, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, { "content-type": "application/json", "request-id": `req_${token()}`, ...headers });
  res.end(JSON.stringify(answer.body));
}

function stripeError(type: string, message: string, code?: string, param?: string): { error: Record<string, string> } {
  return { error: { type, message, ...(code ? { code } : {}), ...(param ? { param } : {}) } };
}

function missing(message: string, param: string): Answer {
  return { status: 404, body: stripeError("invalid_request_error", message, "resource_missing", param) };
}

function token(): string {
  return randomBytes(12).toString("hex");
}

/**
 * Decodes Stripe's form encoding (`line_items[0][price_data][currency]=eur`) into nested
 * objects and arrays, the shape the API reads it in.
 */
export function decodeForm(raw: string): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const path = name.split(/\[|\]\[|\]/).filter((part) => part !== "");
    let node: any = root;
    path.forEach((part, index) => {
      const last = index === path.length - 1;
      if (last) node[part] = value;
      else node = node[part] ??= /^\d+$/.test(path[index + 1]) ? [] : {};
    });
  }
  return root;
}
