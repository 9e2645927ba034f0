import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedPost {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A real HTTP endpoint on 127.0.0.1 that keeps what is POSTed and answers `status`, after `delayMs`. */
export class LocalEndpoint {
  readonly received: ReceivedPost[] = [];
  status = 200;
  delayMs = 0;
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<LocalEndpoint> {
    let self: LocalEndpoint | undefined;
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      self!.received.push({ path: req.url ?? "", headers: req.headers, rawBody: Buffer.concat(chunks).toString() });
      if (self!.delayMs) await new Promise((resolve) => setTimeout(resolve, self!.delayMs));
      res.writeHead(self!.status, { "content-type": "text/plain" }).end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self = new LocalEndpoint(server, (server.address() as AddressInfo).port);
    return self;
  }

  url(path = "/hooks/cabinet"): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
