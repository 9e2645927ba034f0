import { Type, type ProvisionAction, type Provisioner, type ProvisionResult, type ServicePanelProvider, type Static } from "@cabinet/core";
import { isObject, parseJson, readAnswer, reasonIn, truncate } from "./answers.js";
import { HttpServicePanel } from "./http-panel.js";
import { signedHeaders } from "./signature.js";

/**
 * The plugin's options.
 *
 * @example
 * { "url": "https://provisioning.example.net/cabinet", "secret": "a long random shared secret", "timeoutMs": 10000 }
 */
export const httpProvisionerOptionsSchema = Type.Object(
  {
    url: Type.String({ pattern: "^https?://", maxLength: 2000, description: "The provider's endpoint every action is POSTed to" }),
    secret: Type.String({
      minLength: 16,
      maxLength: 200,
      description: "Shared with the provider: signs our requests (and its callbacks, unless callbackSecret is set)",
    }),
    timeoutMs: Type.Integer({
      minimum: 100,
      maximum: 120_000,
      default: 10_000,
      description: "How long to wait for the whole answer; longer is a retryable failure",
    }),
    callbackSecret: Type.Optional(
      Type.String({ minLength: 16, maxLength: 200, description: "Verifies the provider's callbacks, when it signs them with a secret of its own" }),
    ),
    panelUrl: Type.Optional(
      Type.String({
        pattern: "^https?://",
        maxLength: 2000,
        description: "Where the service page's calls go (fields, credentials, actions, control panel login, usage); without it services have no panel",
      }),
    ),
  },
  { additionalProperties: false },
);

export type HttpProvisionerOptions = Static<typeof httpProvisionerOptionsSchema>;

type ProvisionRequest = Parameters<Provisioner["provision"]>[0];

/** The endpoint for a product: its own `url`, or a `path` under the plugin's URL, else the plugin's URL. */
function endpointFor(base: string, productOptions: Record<string, unknown>): string {
  const { url, path } = productOptions;
  if (url !== undefined) {
    if (typeof url !== "string" || !/^https?:\/\//.test(url)) throw new Error("the product's provisioner option `url` is not an http(s) URL");
    return new URL(url).toString();
  }
  if (path !== undefined) {
    if (typeof path !== "string" || path.length === 0) throw new Error("the product's provisioner option `path` is not a path");
    return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
  }
  return base;
}

/** What an answer means (the README's table). */
function mapAnswer(status: number, text: string, fallbackReference: string): ProvisionResult {
  const answer = parseJson(text);
  if (status === 202) {
    const reference = isObject(answer) && typeof answer.reference === "string" && answer.reference.length > 0 ? answer.reference : fallbackReference;
    return { status: "pending", reference: reference.slice(0, 200) };
  }
  if (status >= 200 && status < 300) {
    if (isObject(answer) && answer.status === "done") return { status: "done", ...(isObject(answer.data) ? { data: answer.data } : {}) };
    if (isObject(answer) && answer.status === "pending") return mapAnswer(202, text, fallbackReference);
    // The provider may have acted; asking again with the same idempotency key is safe.
    return { status: "failed", reason: truncate(`the provider answered ${status} without {"status":"done"}`), retryable: true };
  }
  const said = reasonIn(answer, text);
  const reason = truncate(`the provider answered ${status}${said ? `: ${said}` : ""}`);
  // 408 and 429 say "not now" rather than "no": they are worth another try, like a 5xx.
  if (status === 408 || status === 429 || status >= 500) return { status: "failed", reason, retryable: true };
  return { status: "failed", reason, retryable: false };
}

/** Why a request got no answer at all, in words for staff. */
function describeFault(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return `the provider could not be reached: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`;
}

/**
 * A {@link Provisioner} that asks the provider's own system over HTTP: every action is a signed
 * JSON POST (see the README for the wire format) and the answer is mapped to a result —
 * 2xx `{"status":"done"}` done, 202 pending (the provider calls back later), 4xx failed for good,
 * 5xx / time-out / no connection failed and worth retrying. It never throws for anything the
 * provider did or did not answer; the core retries with the same idempotency key.
 *
 * @example
 * const provisioner = new HttpProvisioner({ url: "https://prov.example.net/cabinet", secret: "…", timeoutMs: 10000 }, () => Date.now(), (accepted) => pending.record(accepted));
 * await provisioner.provision({ serviceId: "svc_01jd…", action: "create", idempotencyKey: "…", … });
 * // { status: "done", data: { ip: "203.0.113.7" } }
 */
export class HttpProvisioner implements Provisioner {
  readonly id = "http";
  /** The service page's calls, forwarded to `panelUrl` when it is set. */
  readonly panel?: ServicePanelProvider;

  /** @param accepted remembers an action the provider answered 202 for, so its callback is believed */
  constructor(
    private readonly options: HttpProvisionerOptions,
    private readonly now: () => number,
    private readonly accepted: (pending: { serviceId: string; action: ProvisionAction; idempotencyKey: string; reference: string }) => Promise<void>,
  ) {
    if (options.panelUrl) this.panel = new HttpServicePanel({ url: options.panelUrl, secret: options.secret, timeoutMs: options.timeoutMs }, now);
  }

  async provision(request: ProvisionRequest): Promise<ProvisionResult> {
    let endpoint: string;
    try {
      endpoint = endpointFor(this.options.url, request.options);
    } catch (error) {
      return { status: "failed", reason: (error as Error).message, retryable: false };
    }
    const body = JSON.stringify({
      serviceId: request.serviceId,
      accountId: request.accountId,
      action: request.action,
      productCode: request.productCode,
      parameters: request.parameters,
      idempotencyKey: request.idempotencyKey,
    });
    let answer: ProvisionResult;
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "Idempotency-Key": request.idempotencyKey,
          ...signedHeaders(this.options.secret, Math.floor(this.now() / 1000), body),
        },
        body,
        // A redirect would turn the POST into a GET elsewhere: it is an answer, not a place to follow.
        redirect: "manual",
        // The one deadline covers connecting, the headers and the body.
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      answer = mapAnswer(response.status, await readAnswer(response), request.idempotencyKey);
    } catch (error) {
      return { status: "failed", reason: truncate(describeFault(error, this.options.timeoutMs)), retryable: true };
    }
    if (answer.status === "pending")
      await this.accepted({ serviceId: request.serviceId, action: request.action, idempotencyKey: request.idempotencyKey, reference: answer.reference });
    return answer;
  }
}
