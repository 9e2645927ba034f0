import type { ServicePanel, ServicePanelActionResult, ServicePanelProvider, ServicePanelTarget } from "@cabinet/core";
import { isObject, parseJson, readAnswer, reasonIn, truncate } from "./answers.js";
import { signedHeaders } from "./signature.js";

type Operation = "describe" | "reveal" | "action" | "login";

type Answer = { kind: "answer"; status: number; body: unknown; text: string } | { kind: "timeout" } | { kind: "unreachable"; reason: string };

const array = (value: unknown) => (Array.isArray(value) ? value : []);

/**
 * The service page's calls, forwarded to the provider's `panelUrl` as signed JSON POSTs (the
 * same signature as provisioning requests; the README has the wire format). Each request names
 * its `operation`: `describe`, `reveal` (with `key`), `action` (with `key` and `idempotencyKey`)
 * or `login`.
 *
 * @example
 * const panel = new HttpServicePanel({ url: "https://prov.example.net/cabinet/panel", secret: "…", timeoutMs: 10000 }, () => Date.now());
 * await panel.runAction(target, "reboot", { idempotencyKey: "act_01…" }); // { status: "done" }
 */
export class HttpServicePanel implements ServicePanelProvider {
  constructor(
    private readonly options: { url: string; secret: string; timeoutMs: number },
    private readonly now: () => number,
  ) {}

  async describe(target: ServicePanelTarget): Promise<ServicePanel> {
    const answer = await this.call("describe", target);
    if (answer.kind !== "answer" || answer.status !== 200 || !isObject(answer.body))
      throw new Error(`the provider's panel did not describe the service (${describeAnswer(answer)})`);
    const body = answer.body;
    return {
      fields: array(body.fields),
      credentials: array(body.credentials),
      actions: array(body.actions),
      controlPanel: isObject(body.controlPanel) && typeof body.controlPanel.label === "string" ? { label: body.controlPanel.label } : null,
      metrics: array(body.metrics),
    } as ServicePanel;
  }

  async reveal(target: ServicePanelTarget, key: string): Promise<{ value: string } | undefined> {
    const answer = await this.call("reveal", target, { key });
    if (answer.kind === "answer" && answer.status === 404) return undefined;
    if (answer.kind !== "answer" || answer.status !== 200 || !isObject(answer.body) || typeof answer.body.value !== "string")
      throw new Error(`no credential (${describeAnswer(answer)})`);
    return { value: answer.body.value };
  }

  async runAction(target: ServicePanelTarget, key: string, request: { idempotencyKey: string }): Promise<ServicePanelActionResult> {
    const answer = await this.call("action", target, { key, idempotencyKey: request.idempotencyKey });
    if (answer.kind === "timeout") return { status: "timeout" };
    if (answer.kind === "unreachable") return { status: "failed", reason: answer.reason };
    if (answer.status >= 200 && answer.status < 300 && isObject(answer.body) && answer.body.status === "done") {
      // An action that replaces a credential (a password reset) answers its new value: passed on as it is.
      const credential =
        isObject(answer.body.credential) && typeof answer.body.credential.value === "string" ? { credential: { value: answer.body.credential.value } } : {};
      return { status: "done", ...(typeof answer.body.message === "string" ? { message: truncate(answer.body.message) } : {}), ...credential };
    }
    const said = reasonIn(answer.body, answer.text);
    return { status: "failed", reason: truncate(said || `the provider answered ${answer.status}`) };
  }

  async controlPanelUrl(target: ServicePanelTarget): Promise<{ url: string } | undefined> {
    const answer = await this.call("login", target);
    if (
      answer.kind === "answer" &&
      answer.status === 200 &&
      isObject(answer.body) &&
      typeof answer.body.url === "string" &&
      /^https?:\/\//.test(answer.body.url)
    ) {
      return { url: answer.body.url };
    }
    return undefined;
  }

  private async call(operation: Operation, target: ServicePanelTarget, extra: Record<string, string> = {}): Promise<Answer> {
    const body = JSON.stringify({
      operation,
      serviceId: target.serviceId,
      accountId: target.accountId,
      productCode: target.productCode,
      parameters: target.parameters,
      locale: target.locale,
      ...extra,
    });
    try {
      const response = await fetch(this.options.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          ...(extra.idempotencyKey ? { "Idempotency-Key": extra.idempotencyKey } : {}),
          ...signedHeaders(this.options.secret, Math.floor(this.now() / 1000), body),
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await readAnswer(response);
      return { kind: "answer", status: response.status, body: parseJson(text), text };
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return { kind: "timeout" };
      return { kind: "unreachable", reason: "the provider could not be reached" };
    }
  }
}

function describeAnswer(answer: Answer): string {
  if (answer.kind === "timeout") return "no answer in time";
  if (answer.kind === "unreachable") return answer.reason;
  return `answered ${answer.status}`;
}
