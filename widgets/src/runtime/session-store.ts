import { CabinetApiError, type ApiClient, type Credentials } from "./api-client.js";
import type { ListServicesQuery, Me, Page, Service, SessionMode } from "./api-types.js";

export type SessionState =
  /** Asking the core whether the cookie still holds a session (cookie mode, on page load). */
  | { status: "restoring" }
  | {
      status: "signed-out";
      reason: "initial" | "user" | "expired";
      /**
       * A hand-off whose client has a second factor on: the provider's sign-in was the first
       * step; this challenge (from the core's 401) waits for the code, which `<cab-login>` asks for.
       */
      secondFactorChallenge?: string;
    }
  /** `restored`: the session existed before this page (the cookie), not signed in here. */
  | { status: "signed-in"; me: Me; restored: boolean; /** The same session, for widgets to load afresh (consents were just given). */ reopened?: true };

export type SessionListener = (state: SessionState, previous: SessionState) => void;

/**
 * The session of one configuration (API base, brand, auth mode), shared by every widget that
 * uses it, so that signing in with `<cab-login>` reloads `<cab-services>`.
 *
 * The bearer token lives in this object only: never in localStorage or a cookie, so a
 * script injected later cannot read it back from storage. It is gone on reload, by design.
 */
export class SessionStore {
  private current: SessionState;
  private token: string | null = null;
  private restoring: Promise<void> | null = null;
  private cookieCheck: Promise<void> | null = null;
  private readonly listeners = new Set<SessionListener>();
  private readonly consentListeners = new Set<() => void>();

  private handoffCode: string | null;

  constructor(
    readonly api: ApiClient,
    readonly mode: SessionMode,
    /** A hand-off code from the provider's backend (`<cab-config handoff>`), exchanged on restore. */
    handoff: string | null = null,
  ) {
    this.handoffCode = handoff;
    // A bearer token never survives a reload: with no hand-off code there is nothing to restore.
    this.current = mode === "cookie" || handoff ? { status: "restoring" } : { status: "signed-out", reason: "initial" };
  }

  get state(): SessionState {
    return this.current;
  }

  get me(): Me | null {
    return this.current.status === "signed-in" ? this.current.me : null;
  }

  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Opens the session a page starts with: the hand-off code's, else (cookie mode) the cookie's
   * from an earlier visit. Every widget calls it; it runs once.
   */
  restore(): Promise<void> {
    if (this.handoffCode) {
      const code = this.handoffCode;
      this.handoffCode = null;
      // A code that is refused (used, expired) leaves the page signed out, or on its cookie session.
      this.restoring = this.handoff(code).then(
        () => undefined,
        () => this.restoreCookie(),
      );
    }
    return this.restoring ?? this.restoreCookie();
  }

  /**
   * Signs in with a one-time code the provider's backend got from `POST /api/v1/handoff`: no
   * password, no third-party cookie; a bearer token in memory (or, same site, the cookie).
   * Call it on every page load with a fresh code, so a reload keeps the client signed in.
   */
  async handoff(code: string): Promise<Me> {
    if (this.current.status === "signed-out") this.set({ status: "restoring" });
    try {
      const { token, ...me } = await this.api.exchangeHandoff(code, this.mode);
      this.token = this.mode === "bearer" ? token : null;
      this.set({ status: "signed-in", me, restored: true });
      return me;
    } catch (error) {
      // A client with a second factor on still gives it: the page's <cab-login> takes over.
      if (error instanceof CabinetApiError && error.code === "CAB_ERR_SECOND_FACTOR_REQUIRED" && typeof error.details.challenge === "string") {
        this.set({ status: "signed-out", reason: "initial", secondFactorChallenge: error.details.challenge });
      } else if (this.current.status === "restoring" && this.mode !== "cookie") this.set({ status: "signed-out", reason: "initial" });
      throw error;
    }
  }

  private restoreCookie(): Promise<void> {
    if (this.mode !== "cookie") return Promise.resolve();
    const signedOut = () => {
      if (this.current.status === "restoring") this.set({ status: "signed-out", reason: "initial" });
    };
    this.cookieCheck ??= this.api.session({ mode: "cookie" }).then(
      ({ me }) => (me ? this.set({ status: "signed-in", me, restored: true }) : signedOut()),
      // A network failure leaves the form to try.
      signedOut,
    );
    return this.cookieCheck;
  }

  /** Signs in; a refusal throws a {@link CabinetApiError} (wrong password, rate limited…). */
  async signIn(email: string, password: string): Promise<Me> {
    const { token, ...me } = await this.api.signIn(email, password, this.mode);
    this.token = this.mode === "bearer" ? token : null;
    this.set({ status: "signed-in", me, restored: false });
    return me;
  }

  /** The signed-in user's record changed (their profile saved): every widget sees the new one. */
  updateMe(me: Me): void {
    if (this.current.status !== "signed-in") return;
    this.set({ status: "signed-in", me, restored: this.current.restored });
  }

  /**
   * Acts in another account the person belongs to (`PUT /me/account`), without signing in
   * again: every widget of the session then loads that account's data. A refusal throws
   * (403 CAB_ERR_NOT_A_MEMBER) and the session stays where it was.
   */
  async switchAccount(accountId: string): Promise<Me> {
    const me = await this.call(async (api, c) => {
      await api.request("PUT", "/me/account", { body: { accountId }, credentials: c });
      return api.me(c);
    });
    if (this.current.status === "signed-in") this.set({ status: "signed-in", me, restored: this.current.restored });
    return me;
  }

  /** Takes a session opened by a second step (second factor, passkey, reset): as if signed in here. */
  adopt(signedIn: Me & { token: string | null }): Me {
    const { token, ...me } = signedIn;
    this.token = this.mode === "bearer" ? token : null;
    this.set({ status: "signed-in", me, restored: false });
    return me;
  }

  async signOut(): Promise<void> {
    if (this.current.status !== "signed-in") return;
    try {
      await this.api.signOut(this.credentials());
    } catch (error) {
      // Already ended on the server (expired, signed out in another tab): the goal is met.
      if (!(error instanceof CabinetApiError && error.status === 401)) throw error;
    }
    this.token = null;
    this.set({ status: "signed-out", reason: "user" });
  }

  listServices(query: ListServicesQuery, signal?: AbortSignal): Promise<Page<Service>> {
    return this.authenticated(() => this.api.listServices(query, this.credentials(), signal));
  }

  /**
   * Any other signed-in call, with this session's credentials and its 401 handling:
   * `session.call((api, credentials) => api.balance(credentials, signal))`.
   */
  call<T>(work: (api: ApiClient, credentials: Credentials) => Promise<T>): Promise<T> {
    return this.authenticated(() => work(this.api, this.credentials()));
  }

  private credentials(): Credentials {
    const me = this.me;
    return { mode: this.mode, token: this.token, csrfToken: me?.session.csrfToken ?? null };
  }

  /**
   * Calls `listener` when a call of this session was refused until the user accepts updated
   * legal documents (403 CAB_ERR_CONSENT_REQUIRED): what `<cab-consent-prompt>` waits for.
   */
  onConsentRequired(listener: () => void): () => void {
    this.consentListeners.add(listener);
    return () => this.consentListeners.delete(listener);
  }

  /**
   * Every widget loads afresh, as for a new session (the token stays): after the user gave the
   * consents that had stopped their calls, or replaced a handed-over password (`fresh`: the new `/me`).
   */
  reopen(fresh?: Me): void {
    const me = this.me && (fresh ?? this.me);
    if (!me) return;
    this.set({ status: "signed-in", me, restored: true, reopened: true });
  }

  /** Runs a signed-in call; a 401 means the session ended elsewhere, so every widget learns it. */
  private async authenticated<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof CabinetApiError && error.status === 401 && this.current.status === "signed-in") {
        this.token = null;
        this.set({ status: "signed-out", reason: "expired" });
      }
      if (error instanceof CabinetApiError && error.code === "CAB_ERR_CONSENT_REQUIRED") for (const listener of [...this.consentListeners]) listener();
      throw error;
    }
  }

  private set(state: SessionState): void {
    const previous = this.current;
    this.current = state;
    // Another user, none, or the same one loading afresh: nothing read before is theirs to share.
    this.api.reads.clear();
    for (const listener of [...this.listeners]) listener(state, previous);
  }
}
