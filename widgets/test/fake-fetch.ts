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

/** A route's answer: a fixed one, one built from the request, or one held back until the test lets it go. */
export type RouteAnswer = Response | Error | ((call: Call) => Response | Promise<Response>);

/**
 * A scripted API by route (`"GET /balance"`, the path after `/api/v1`, without the query): each
 * route answers from its own list in order, the last answer repeating; an unknown route fails the
 * test loudly. For the widgets' component tests, where several loads run at once.
 */
export function fakeApi(routes: Record<string, RouteAnswer | RouteAnswer[]>) {
  const calls: Call[] = [];
  const queues = new Map(Object.entries(routes).map(([route, answers]) => [route, [answers].flat()]));
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const call = { url: new URL(String(input)), init, headers: { ...(init.headers as Record<string, string>) } };
    calls.push(call);
    const route = `${init.method ?? "GET"} ${call.url.pathname.replace(/^\/api\/v1/, "")}`;
    const queue = queues.get(route);
    if (!queue) throw new Error(`unexpected request ${route}`);
    const answer = queue.length > 1 ? queue.shift()! : queue[0];
    if (answer instanceof Error) throw answer;
    // A Response's body is read once: each call gets its own copy.
    return typeof answer === "function" ? answer(call) : answer.clone();
  };
  /** The calls made to `route` so far. */
  const callsTo = (route: string) => calls.filter((c) => `${c.init.method ?? "GET"} ${c.url.pathname.replace(/^\/api\/v1/, "")}` === route);
  return { fetch: fetch as typeof globalThis.fetch, calls, callsTo };
}

/** An answer the test holds back: `answer` for the route, `release(response)` to let it through. */
export function held() {
  let release!: (response: Response) => void;
  const promise = new Promise<Response>((resolve) => (release = resolve));
  return { answer: () => promise, release };
}
