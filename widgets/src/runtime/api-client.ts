import type { ListServicesQuery, Me, Page, Service, SessionMode, SignedIn } from "./api-types.js";

/**
 * Codes the client itself raises, next to the server's `CAB_ERR_…` codes: the request never
 * reached the API, or the answer was not the API's JSON (a proxy's HTML error page, say).
 */
export type ClientErrorCode = "CAB_ERR_NETWORK" | "CAB_ERR_BAD_RESPONSE";

/** A failed API call, always with a code: the server's `CAB_ERR_…` or a {@link ClientErrorCode}. */
export class CabinetApiError extends Error {
  override readonly name = "CabinetApiError";

  constructor(
    /** `CAB_ERR_INVALID_CREDENTIALS`, `CAB_ERR_RATE_LIMITED`, … */
    readonly code: string,
    message: string,
    /** The HTTP status; 0 when no answer arrived. */
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Seconds to wait before trying again, when the server said so (429). */
  get retryAfterSeconds(): number | undefined {
    const value = this.details.retryAfterSeconds;
    return typeof value === "number" && value >= 0 ? value : undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads the API's error shape `{ error: { code, message, details } }`. Anything else (an empty
 * body, HTML from a proxy) still becomes a typed error, so callers handle one kind of failure.
 */
export function parseApiError(status: number, body: unknown, retryAfterHeader?: string | null): CabinetApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === "string" && error.code.startsWith("CAB_ERR_")) {
    const details = isRecord(error.details) ? { ...error.details } : {};
    // The header is the standard place; the body's detail is the core's. Prefer the body.
    const retryAfter = Number(retryAfterHeader);
    if (details.retryAfterSeconds === undefined && retryAfterHeader && Number.isFinite(retryAfter)) details.retryAfterSeconds = retryAfter;
    const message = typeof error.message === "string" && error.message ? error.message : `Request failed (HTTP ${status}).`;
    return new CabinetApiError(error.code, message, status, details);
  }
  return new CabinetApiError("CAB_ERR_BAD_RESPONSE", `Unexpected answer from the server (HTTP ${status}).`, status);
}

/** What proves who the caller is: a bearer token, or the cookie plus its CSRF token. */
export interface Credentials {
  mode: SessionMode;
  token?: string | null;
  csrfToken?: string | null;
}

export interface ApiClientOptions {
  /** Where the core is, e.g. `https://my.example.com` or `https://example.com/cabinet`. */
  apiBase: string;
  /** Sent as `X-Cabinet-Brand` when the page names its brand. */
  brand?: string | null;
  /** For tests; the page's `fetch` otherwise. */
  fetch?: typeof fetch;
}

interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  credentials?: Credentials;
  signal?: AbortSignal;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * A thin client of the Cabinet API: JSON in and out, the cookie sent along
 * (`credentials: "include"`, for a core on another subdomain), auth headers from the caller.
 * It keeps no session itself; see `SessionStore`.
 */
export class ApiClient {
  readonly apiBase: string;
  readonly brand: string | null;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ApiClientOptions) {
    this.apiBase = options.apiBase.replace(/\/+$/, "");
    this.brand = options.brand || null;
    // Bound, or some browsers throw "Illegal invocation" when it is called as a method.
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  signIn(email: string, password: string, mode: SessionMode): Promise<SignedIn> {
    return this.request("POST", "/auth/sign-in", { body: { email, password, mode }, credentials: { mode } });
  }

  signOut(credentials: Credentials): Promise<void> {
    return this.request("POST", "/auth/sign-out", { credentials });
  }

  me(credentials: Credentials, signal?: AbortSignal): Promise<Me> {
    return this.request("GET", "/me", { credentials, signal });
  }

  /** Who is signed in, if anyone: 200 either way, so a signed-out visit logs no error in the console. */
  session(credentials: Credentials, signal?: AbortSignal): Promise<{ signedIn: boolean; me: Me | null }> {
    return this.request("GET", "/auth/session", { credentials, signal });
  }

  listServices(query: ListServicesQuery, credentials: Credentials, signal?: AbortSignal): Promise<Page<Service>> {
    return this.request("GET", "/services", { query: { ...query }, credentials, signal });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(`${this.apiBase}/api/v1${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== "") url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (this.brand) headers["X-Cabinet-Brand"] = this.brand;
    const credentials = options.credentials;
    if (credentials?.mode === "bearer" && credentials.token) headers.Authorization = `Bearer ${credentials.token}`;
    if (credentials?.mode === "cookie" && credentials.csrfToken && UNSAFE.has(method)) headers["X-CSRF-Token"] = credentials.csrfToken;

    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        // Bearer mode must not lean on cookies at all (third-party cookies are blocked anyway).
        credentials: credentials?.mode === "bearer" ? "omit" : "include",
        signal: options.signal,
      });
    } catch (error) {
      if ((error as Error)?.name === "AbortError") throw error;
      throw new CabinetApiError("CAB_ERR_NETWORK", "The server cannot be reached.", 0);
    }
    if (response.status === 204) return undefined as T;
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw parseApiError(response.status, body, response.headers.get("Retry-After"));
    if (body === undefined) throw new CabinetApiError("CAB_ERR_BAD_RESPONSE", `Unexpected answer from the server (HTTP ${response.status}).`, response.status);
    return body as T;
  }
}
