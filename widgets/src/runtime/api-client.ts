import type {
  Balance,
  CabinetDocument,
  CancelPreview,
  ChangePreview,
  ContractAcceptance,
  CurrentContract,
  Gateway,
  Invoice,
  LedgerEntry,
  LedgerPeriod,
  ListDocumentsQuery,
  ListInvoicesQuery,
  ListLedgerQuery,
  ListPageQuery,
  ListServicesQuery,
  Me,
  MonthlySpending,
  Order,
  OrderItem,
  Page,
  ParameterValue,
  Payment,
  Product,
  Quote,
  QuoteBody,
  Renewal,
  Service,
  ServiceDetail,
  ServiceHistoryEntry,
  ServicePanel,
  ServicePanelActionResult,
  ServicePatch,
  SessionMode,
  SignedIn,
  StartPaymentBody,
} from "./api-types.js";
import { ReadCache } from "./read-cache.js";

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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

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

/** `GET /api/v1/brand`: what any visitor may know of the page's brand. */
export interface BrandProfile {
  slug: string;
  name: string;
  defaultLocale: string;
  locales: string[];
  defaultCurrency: string;
  currencies: string[];
  support: { email?: string; phone?: string; url?: string } | null;
  theme: { tokens: Record<string, string>; logoUrl?: string } | null;
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

type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Extra headers (`Idempotency-Key`). */
  headers?: Record<string, string>;
  credentials?: Credentials;
  signal?: AbortSignal;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Reads sent as POST (a body too long for a query): they change nothing, so they keep the cache. */
const POST_READS = [/^\/catalog\/quote$/, /^\/services\/[^/]+\/change\/preview$/];

/**
 * A thin client of the Cabinet API: JSON in and out, the cookie sent along
 * (`credentials: "include"`, for a core on another subdomain), auth headers from the caller.
 * It keeps no session itself; see `SessionStore`.
 *
 * The reads several widgets of a page share (the balance, the catalog, the payment methods) go
 * through {@link ReadCache} (`reads`): asked once per page, whichever widgets ask. Every write
 * empties it; so do the session (on any change of who is signed in) and the widgets' news.
 */
export class ApiClient {
  readonly apiBase: string;
  readonly brand: string | null;
  /** The shared reads of this page; see {@link ReadCache}. */
  readonly reads = new ReadCache();
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

  /** The public profile of the page's brand (name, languages, theme tokens). */
  brandProfile(signal?: AbortSignal): Promise<BrandProfile> {
    return this.request("GET", "/brand", { signal });
  }

  /** Exchanges a hand-off code from the provider's backend for a session, in one request. */
  exchangeHandoff(code: string, mode: SessionMode): Promise<SignedIn> {
    return this.request("POST", "/auth/handoff", { body: { code, mode }, credentials: { mode } });
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

  // ---- Catalog: open to signed-out visitors too (a session, when there is one, picks the account's prices).

  /** The brand's active products; `currency` empty: the account's, else the brand's default. */
  catalog(currency: string | undefined, credentials: Credentials, signal?: AbortSignal): Promise<{ items: Product[] }> {
    return this.sharedRead("/catalog", { currency }, credentials, signal);
  }

  /** The price the server will charge: 422 CAB_ERR_INVALID_PARAMETER (`details.parameter`) for a bad value. */
  quote(body: QuoteBody, credentials: Credentials, signal?: AbortSignal): Promise<Quote> {
    return this.request("POST", "/catalog/quote", { body, credentials, signal });
  }

  // ---- Orders and services: reads for any user of the account, writes need `services`.

  /** One order; the same `idempotencyKey` again answers the first order, never a second one. */
  /** `payerId`: who the invoice is made out to (one of the account's payers); the default payer when absent. */
  placeOrder(items: OrderItem[], idempotencyKey: string, credentials: Credentials, payerId?: string): Promise<Order> {
    return this.request("POST", "/orders", { body: payerId ? { items, payerId } : { items }, headers: { "Idempotency-Key": idempotencyKey }, credentials });
  }

  getService(id: string, credentials: Credentials, signal?: AbortSignal): Promise<ServiceDetail> {
    return this.request("GET", this.servicePath(id), { credentials, signal });
  }

  serviceHistory(id: string, query: ListPageQuery, credentials: Credentials, signal?: AbortSignal): Promise<Page<ServiceHistoryEntry>> {
    return this.request("GET", this.servicePath(id, "/history"), { query: { ...query }, credentials, signal });
  }

  updateService(id: string, patch: ServicePatch, credentials: Credentials): Promise<ServiceDetail> {
    return this.request("PATCH", this.servicePath(id), { body: patch, credentials });
  }

  previewChange(id: string, parameters: Record<string, ParameterValue>, credentials: Credentials, signal?: AbortSignal): Promise<ChangePreview> {
    return this.request("POST", this.servicePath(id, "/change/preview"), { body: { parameters }, credentials, signal });
  }

  /** 402 CAB_ERR_INSUFFICIENT_FUNDS when the balance does not cover an upgrade's difference. */
  changeService(id: string, parameters: Record<string, ParameterValue>, idempotencyKey: string, credentials: Credentials): Promise<ServiceDetail> {
    return this.request("POST", this.servicePath(id, "/change"), { body: { parameters }, headers: { "Idempotency-Key": idempotencyKey }, credentials });
  }

  /** Each renewal needs its own `idempotencyKey`; the same key again answers the first renewal, renewing nothing more. */
  renewService(id: string, periods: number, idempotencyKey: string, credentials: Credentials): Promise<Renewal> {
    return this.request("POST", this.servicePath(id, "/renew"), { body: { periods }, headers: { "Idempotency-Key": idempotencyKey }, credentials });
  }

  cancelService(id: string, when: "now" | "period_end", idempotencyKey: string, credentials: Credentials): Promise<ServiceDetail> {
    return this.request("POST", this.servicePath(id, "/cancel"), { body: { when }, headers: { "Idempotency-Key": idempotencyKey }, credentials });
  }

  /** What cancelling now would give back (or, for an unpaid order, withdraw); changes nothing. */
  previewCancel(id: string, credentials: Credentials, signal?: AbortSignal): Promise<CancelPreview> {
    return this.request("GET", this.servicePath(id, "/cancel/preview"), { credentials, signal });
  }

  /** 204; only a cancelled service (409 otherwise). */
  deleteService(id: string, credentials: Credentials): Promise<void> {
    return this.request("DELETE", this.servicePath(id), { credentials });
  }

  /** What the service's provisioner shows on its page (`state` says whether there is anything). */
  servicePanel(id: string, locale: string, credentials: Credentials, signal?: AbortSignal): Promise<ServicePanel> {
    return this.request("GET", this.servicePath(id, "/panel"), { query: { locale }, credentials, signal });
  }

  /** 403 CAB_ERR_REAUTH_FAILED until the password (and the code, with a second factor) is right. */
  revealServiceCredential(
    id: string,
    key: string,
    reauth: { password?: string; code?: string },
    credentials: Credentials,
  ): Promise<{ key: string; value: string }> {
    return this.request("POST", this.servicePath(id, `/panel/credentials/${encodeURIComponent(key)}/reveal`), { body: reauth, credentials });
  }

  /**
   * 504 CAB_ERR_PROVIDER_TIMEOUT (it may still happen), 502 CAB_ERR_PROVIDER_FAILED (`details.reason`).
   * `reauth`: for an action that `reveals` a credential (403 CAB_ERR_REAUTH_FAILED without it).
   */
  runServiceAction(
    id: string,
    key: string,
    idempotencyKey: string,
    locale: string,
    credentials: Credentials,
    reauth: { password?: string; code?: string } = {},
  ): Promise<ServicePanelActionResult> {
    return this.request("POST", this.servicePath(id, `/panel/actions/${encodeURIComponent(key)}`), {
      query: { locale },
      body: reauth,
      headers: { "Idempotency-Key": idempotencyKey },
      credentials,
    });
  }

  /** A link that opens the control panel once, within a minute. */
  panelLoginLink(id: string, credentials: Credentials): Promise<{ url: string; expiresAt: string }> {
    return this.request("POST", this.servicePath(id, "/panel/login"), { body: {}, credentials });
  }

  private servicePath(id: string, rest = ""): string {
    return `/services/${encodeURIComponent(id)}${rest}`;
  }

  // ---- Billing: every call needs the `finance` permission (403 CAB_ERR_FORBIDDEN without it).

  balance(credentials: Credentials, signal?: AbortSignal): Promise<Balance> {
    return this.sharedRead("/balance", {}, credentials, signal);
  }

  listLedger(query: ListLedgerQuery, credentials: Credentials, signal?: AbortSignal): Promise<Page<LedgerEntry>> {
    return this.request("GET", "/ledger", { query: { ...query }, credentials, signal });
  }

  /** Per month, oldest first, the last `months` months (this one included). */
  monthlySpending(months: number, credentials: Credentials, signal?: AbortSignal): Promise<MonthlySpending> {
    return this.request("GET", "/ledger/monthly", { query: { months }, credentials, signal });
  }

  /** Where the ledger's CSV is: a link to it works with a cookie session (a GET sends the cookie). */
  ledgerExportUrl(period: LedgerPeriod): string {
    return this.url("/ledger/export", { ...period }).href;
  }

  listGateways(credentials: Credentials, signal?: AbortSignal): Promise<{ items: Gateway[] }> {
    return this.sharedRead("/payments/gateways", {}, credentials, signal);
  }

  /** 201 with the pending payment and its `nextAction`. */
  startPayment(body: StartPaymentBody, idempotencyKey: string, credentials: Credentials): Promise<Payment> {
    return this.request("POST", "/payments", { body, headers: { "Idempotency-Key": idempotencyKey }, credentials });
  }

  listPayments(query: ListPageQuery, credentials: Credentials, signal?: AbortSignal): Promise<Page<Payment>> {
    return this.request("GET", "/payments", { query: { ...query }, credentials, signal });
  }

  /** One payment; while it is pending the core asks the gateway and settles what it says. */
  getPayment(id: string, credentials: Credentials, signal?: AbortSignal): Promise<Payment> {
    return this.request("GET", `/payments/${encodeURIComponent(id)}`, { credentials, signal });
  }

  listInvoices(query: ListInvoicesQuery, credentials: Credentials, signal?: AbortSignal): Promise<Page<Invoice>> {
    return this.request("GET", "/invoices", { query: { ...query }, credentials, signal });
  }

  /** 402 CAB_ERR_INSUFFICIENT_FUNDS (`details.required`, `details.available`) when the balance is short. */
  payInvoiceFromBalance(id: string, idempotencyKey: string, credentials: Credentials): Promise<Invoice> {
    return this.request("POST", `/invoices/${encodeURIComponent(id)}/pay-from-balance`, { headers: { "Idempotency-Key": idempotencyKey }, credentials });
  }

  // ---- Documents: `documents` or `finance`.

  listDocuments(query: ListDocumentsQuery, credentials: Credentials, signal?: AbortSignal): Promise<Page<CabinetDocument>> {
    return this.request("GET", "/documents", { query: { ...query }, credentials, signal });
  }

  getDocument(id: string, credentials: Credentials, signal?: AbortSignal): Promise<CabinetDocument> {
    return this.request("GET", `/documents/${encodeURIComponent(id)}`, { credentials, signal });
  }

  /**
   * A reconciliation statement for the days `from`–`to` (YYYY-MM-DD, UTC) of a payer (the default
   * payer when absent); `to` may be today. 422 for a future or too long period.
   */
  issueReconciliationStatement(from: string, to: string, locale: string, credentials: Credentials, payerId?: string): Promise<CabinetDocument> {
    return this.request("POST", "/documents/reconciliation", { body: { from, to, locale, ...(payerId ? { payerId } : {}) }, credentials });
  }

  currentContract(credentials: Credentials, signal?: AbortSignal): Promise<CurrentContract> {
    return this.request("GET", "/contracts/current", { credentials, signal });
  }

  /** 409 CAB_ERR_CONFLICT when the version is no longer current. */
  acceptContract(version: string, credentials: Credentials): Promise<ContractAcceptance> {
    return this.request("POST", "/contracts/accept", { body: { version }, credentials });
  }

  /**
   * A document's PDF (an attachment; 409 CAB_ERR_DOCUMENT_NOT_READY until printed) or its stored
   * HTML (served under a CSP that loads nothing). A link to it works with a cookie session.
   */
  documentPath(id: string, format: "pdf" | "html"): string {
    return `/documents/${encodeURIComponent(id)}/${format}`;
  }

  /**
   * A file the API serves (the ledger's CSV, a document's PDF), fetched with the session's
   * headers: what bearer mode needs, where a plain link would arrive without the token.
   * The name comes from `Content-Disposition`, else `fallbackName`.
   */
  async download(path: string, query: Query, credentials: Credentials, fallbackName: string): Promise<{ blob: Blob; filename: string }> {
    const response = await this.send("GET", this.url(path, query), { credentials, accept: "*/*" });
    if (!response.ok) throw parseApiError(response.status, await response.json().catch(() => undefined), response.headers.get("Retry-After"));
    return { blob: await response.blob(), filename: filenameOf(response.headers.get("Content-Disposition")) ?? fallbackName };
  }

  /** The API's URL for `path`, with the query's non-empty values. */
  url(path: string, query: Query = {}): URL {
    const url = new URL(`${this.apiBase}/api/v1${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== "") url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** A read that the widgets of the page share: one request, whoever asks (see {@link ReadCache}). */
  sharedRead<T>(path: string, query: Query, credentials: Credentials, signal?: AbortSignal): Promise<T> {
    const key = this.url(path, query).href;
    return this.reads.read(key, (shared) => this.request<T>("GET", path, { query, credentials, signal: shared }), signal);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    if (!UNSAFE.has(method) || POST_READS.some((read) => read.test(path))) return this.exchange(method, path, options);
    // A write: what was read before it (or while it runs) may be stale once it is done.
    this.reads.clear();
    try {
      return await this.exchange<T>(method, path, options);
    } finally {
      this.reads.clear();
    }
  }

  private async exchange<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const response = await this.send(method, this.url(path, options.query), { ...options, accept: "application/json" });
    if (response.status === 204) return undefined as T;
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw parseApiError(response.status, body, response.headers.get("Retry-After"));
    if (body === undefined) throw new CabinetApiError("CAB_ERR_BAD_RESPONSE", `Unexpected answer from the server (HTTP ${response.status}).`, response.status);
    return body as T;
  }

  private async send(method: string, url: URL, options: Omit<RequestOptions, "query"> & { accept: string }): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers, Accept: options.accept };
    // A FormData body (files) sets its own multipart Content-Type, boundary included.
    const multipart = typeof FormData !== "undefined" && options.body instanceof FormData;
    if (options.body !== undefined && !multipart) headers["Content-Type"] = "application/json";
    if (this.brand) headers["X-Cabinet-Brand"] = this.brand;
    const credentials = options.credentials;
    if (credentials?.mode === "bearer" && credentials.token) headers.Authorization = `Bearer ${credentials.token}`;
    if (credentials?.mode === "cookie" && credentials.csrfToken && UNSAFE.has(method)) headers["X-CSRF-Token"] = credentials.csrfToken;
    try {
      return await this.fetchImpl(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
        // Bearer mode must not lean on cookies at all (third-party cookies are blocked anyway).
        credentials: credentials?.mode === "bearer" ? "omit" : "include",
        signal: options.signal,
      });
    } catch (error) {
      if ((error as Error)?.name === "AbortError") throw error;
      throw new CabinetApiError("CAB_ERR_NETWORK", "The server cannot be reached.", 0);
    }
  }
}

/** The file name of `Content-Disposition: attachment; filename="ledger.csv"` (or `filename*=UTF-8''…`). */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return sanitizeFilename(decodeURIComponent(extended[1].trim()));
    } catch {
      // A broken encoding: fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = plain ? (plain[1] ?? plain[2]).trim() : "";
  return name ? sanitizeFilename(name) : null;
}

/** No directories, no control characters: the name is only a suggestion to the browser. */
// eslint-disable-next-line no-control-regex -- control characters are what it strips
const sanitizeFilename = (name: string): string | null => name.replace(/[\\/\u0000-\u001f]/g, "_") || null;
