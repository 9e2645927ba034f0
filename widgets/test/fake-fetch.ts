/** A scripted `fetch`: answers in order and records what was asked, for the runtime's tests. */
export interface Call {
  url: URL;
  init: RequestInit;
  headers: Record<string, string>;
}

export type Answer = Response | Error | (() => Response);

export function fakeFetch(...answers: Answer[]) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    calls.push({ url: new URL(String(input)), init, headers: { ...(init.headers as Record<string, string>) } });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected request ${String(input)}`);
    if (answer instanceof Error) throw answer;
    return typeof answer === "function" ? answer() : answer;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

export const apiError = (status: number, code: string, message: string, details: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  json(status, { error: { code, message, details } }, headers);
