/** A Bot API answer other than `ok`: its HTTP status, Telegram's description and, on 429, when to come back. */
export class BotApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Telegram ${status}: ${description}`);
    this.name = "BotApiError";
  }

  /** Too many requests or Telegram's own fault: the same call may pass later. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

export interface TelegramUser {
  id: number;
  username?: string;
  language_code?: string;
}

export interface TelegramMessage {
  message_id: number;
  chat: { id: number; type: string };
  from?: TelegramUser;
  text?: string;
  reply_to_message?: { message_id: number };
}

export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
}

/** Plain calls to the Telegram Bot API: `POST <apiRoot>/bot<token>/<method>` with a JSON body. */
export class BotApi {
  constructor(
    private readonly apiRoot: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  getMe(): Promise<TelegramUser> {
    return this.call("getMe", {});
  }

  sendMessage(params: { chat_id: number | string; text: string; parse_mode?: "HTML"; reply_to_message_id?: number }): Promise<TelegramMessage> {
    return this.call("sendMessage", { ...params, link_preview_options: { is_disabled: true } });
  }

  /** One update at a time (`max_connections: 1`), so they are handled in order, as polling would. */
  setWebhook(url: string, secretToken: string): Promise<true> {
    return this.call("setWebhook", { url, secret_token: secretToken, allowed_updates: ["message"], max_connections: 1 });
  }

  /** A long poll: waits up to `timeoutSeconds` for news; `signal` ends it early. */
  getUpdates(offset: number | undefined, timeoutSeconds: number, signal: AbortSignal): Promise<TelegramUpdate[]> {
    return this.call(
      "getUpdates",
      { offset, timeout: timeoutSeconds, allowed_updates: ["message"] },
      AbortSignal.any([signal, AbortSignal.timeout(timeoutSeconds * 1000 + this.timeoutMs)]),
    );
  }

  private async call<T>(method: string, params: object, signal: AbortSignal = AbortSignal.timeout(this.timeoutMs)): Promise<T> {
    const response = await fetch(`${this.apiRoot}/bot${this.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
      signal,
    });
    const answer = (await response.json().catch(() => ({ ok: false, description: `not JSON (HTTP ${response.status})` }))) as {
      ok: boolean;
      result?: T;
      description?: string;
      parameters?: { retry_after?: number };
    };
    if (!response.ok || !answer.ok)
      throw new BotApiError(response.ok ? 500 : response.status, answer.description ?? "no description", answer.parameters?.retry_after);
    return answer.result as T;
  }
}
