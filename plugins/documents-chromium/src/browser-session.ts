import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/**
 * Switches every launch needs here: running as root needs `--no-sandbox`; the rest keep a
 * headless print server from reaching out to Google's services on a closed network and from
 * filling the small `/dev/shm` of a container.
 */
export const chromiumArgs: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** A launch that takes longer than this is a broken installation, not a slow one. */
const launchTimeoutMs = 30_000;

export interface LaunchOptions {
  executablePath: string;
  extraArgs: readonly string[];
}

/**
 * One running Chromium and the single locked-down context its pages live in. When the
 * browser goes away (crash, kill, close) the session is dead for good; the page pool then
 * launches a new one instead of trying to revive it.
 *
 * @example
 * const session = await BrowserSession.launch({ executablePath: "/usr/bin/chromium", extraArgs: [] });
 * const page = await session.newPage();
 * await session.close();
 */
export class BrowserSession {
  private alive = true;
  private closing = false;
  /** Settles when the browser is gone, whoever ended it. */
  readonly ended: Promise<void>;

  private constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    onUnexpectedEnd: () => void,
  ) {
    this.ended = new Promise((resolve) => {
      browser.once("disconnected", () => {
        this.alive = false;
        if (!this.closing) onUnexpectedEnd();
        resolve();
      });
    });
  }

  static async launch(options: LaunchOptions, onUnexpectedEnd: () => void = () => {}): Promise<BrowserSession> {
    const browser = await chromium.launch({
      executablePath: options.executablePath,
      args: [...chromiumArgs, ...options.extraArgs],
      timeout: launchTimeoutMs,
    });
    try {
      // Documents are static HTML from our own templates: no script may run in them, and a
      // template (or a value pasted into one) must not make the server fetch anything.
      const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: "block" });
      await context.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort("blockedbyclient")));
      return new BrowserSession(browser, context, onUnexpectedEnd);
    } catch (error) {
      await browser.close().catch(() => {});
      throw error;
    }
  }

  get isAlive(): boolean {
    return this.alive && this.browser.isConnected();
  }

  /**
   * Whether the browser is gone, or goes within `ms`. A killed browser fails the calls in
   * flight slightly before it reports itself disconnected; this waits out that gap.
   */
  async endedWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.ended, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    return !this.isAlive;
  }

  newPage(): Promise<Page> {
    return this.context.newPage();
  }

  /** Closes the browser and waits until its process has exited. Safe to call twice or after a crash. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.alive) await this.browser.close().catch(() => {});
    await this.ended;
  }
}
