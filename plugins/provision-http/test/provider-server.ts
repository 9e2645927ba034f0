import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  rawBody: string;
  body: Record<string, unknown>;
}

type Answer = (request: ReceivedRequest, res: ServerResponse) => void;

/**
 * A provider's provisioning endpoint, as a provider would write it from the README alone: it
 * checks `X-Cabinet-Signature` with its own HMAC code (not the plugin's) over the raw body, and
 * the timestamp against its own clock, and refuses a bad one with 401, then answers as the test scripted for the request's path.
 */
export class ProviderServer {
  readonly received: ReceivedRequest[] = [];
  private readonly answers = new Map<string, Answer>();
  private readonly server: Server;
  url = "";

  /** @param nowSeconds the provider's clock, against which it refuses a stale timestamp */
  constructor(
    private readonly secret: string,
    private readonly nowSeconds: () => number,
  ) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const rawBody = Buffer.concat(chunks).toString("utf8");
        const path = req.url ?? "/";
        if (!this.signatureHolds(req, rawBody)) return json(res, 401, { error: { message: "bad signature" } });
        const request = { path, headers: req.headers, rawBody, body: JSON.parse(rawBody) as Record<string, unknown> };
        this.received.push(request);
        const answer = this.answers.get(path);
        if (!answer) return json(res, 404, { reason: `no endpoint ${path}` });
        answer(request, res);
      });
    });
  }

  /** What the endpoint at `path` answers. */
  on(path: string, answer: Answer): this {
    this.answers.set(path, answer);
    return this;
  }

  private signatureHolds(req: IncomingMessage, rawBody: string): boolean {
    const timestamp = req.headers["x-cabinet-timestamp"];
    const signature = req.headers["x-cabinet-signature"];
    if (typeof timestamp !== "string" || typeof signature !== "string") return false;
    if (!/^\d+$/.test(timestamp) || Math.abs(this.nowSeconds() - Number(timestamp)) > 300) return false;
    const expected = Buffer.from(
      `v1=${createHmac("sha256", this.secret)
        .update(timestamp + "." + rawBody)
        .digest("hex")}`,
    );
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** A port nothing listens on: one the system just gave out and took back. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
