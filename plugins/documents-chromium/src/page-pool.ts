import type { Page } from "playwright-core";
import { BrowserSession, type LaunchOptions } from "./browser-session.js";

/** How long a failed call waits to learn whether the browser died under it. */
export const crashGraceMs = 500;

/** A page handed out by the pool, with the browser it belongs to. */
export interface PageLease {
  readonly page: Page;
  readonly session: BrowserSession;
}

export interface PagePoolEvents {
  /** The browser went away without being asked to (crash, OOM kill, `kill -9`). */
  browserLost?(): void;
  launched?(launchMs: number): void;
}

/**
 * Warm pages on one browser, which is launched on the first `take` and again on the next
 * `take` after it died. Opening a page costs more than printing an invoice on a warm one,
 * so pages are reused; a page that misbehaved is closed (`discard`) rather than reused.
 *
 * The pool does not limit how many pages are out at once: the renderer never asks for more
 * than `size` at a time, and the pool keeps no more than `size` idle.
 *
 * @example
 * const pool = new PagePool({ executablePath: "/usr/bin/chromium", extraArgs: [] }, 2);
 * const lease = await pool.take();
 * try { await lease.page.setContent(html); pool.give(lease); } catch { await pool.discard(lease); }
 * await pool.close();
 */
export class PagePool {
  private session: Promise<BrowserSession> | undefined;
  private idle: PageLease[] = [];
  private closed = false;

  constructor(
    private readonly launchOptions: LaunchOptions,
    private readonly size: number,
    private readonly events: PagePoolEvents = {},
  ) {}

  /** A warm page on a live browser, launching (or relaunching) the browser when needed. */
  async take(): Promise<PageLease> {
    const session = await this.liveSession();
    while (this.idle.length > 0) {
      const lease = this.idle.pop()!;
      if (lease.session === session && !lease.page.isClosed()) return lease;
    }
    try {
      return { page: await session.newPage(), session };
    } catch (error) {
      // The browser may have died a moment ago without having said so yet: then one new
      // browser gets one more try. Anything else is the caller's failure to handle.
      if (!(await session.endedWithin(crashGraceMs))) throw error;
      const fresh = await this.liveSession();
      return { page: await fresh.newPage(), session: fresh };
    }
  }

  /** Returns a page that printed fine, to be reused. */
  give(lease: PageLease): void {
    if (!this.closed && lease.session.isAlive && !lease.page.isClosed() && this.idle.length < this.size) {
      this.idle.push(lease);
    } else {
      void lease.page.close().catch(() => {});
    }
  }

  /**
   * Closes a page that failed or hung, so its renderer process (and whatever it was stuck
   * on) goes away; the next `take` opens a fresh page instead.
   */
  async discard(lease: PageLease, waitMs = 5_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    // Bounded: a page of a browser that is dying may never answer; the pool moves on regardless.
    await Promise.race([lease.page.close().catch(() => {}), gaveUp]);
    clearTimeout(timer);
  }

  /** Launches the browser now rather than on the first document. */
  async warm(): Promise<void> {
    await this.liveSession();
  }

  /** Closes the browser and waits for its process to exit. */
  async close(): Promise<void> {
    this.closed = true;
    this.idle = [];
    const session = await this.session?.catch(() => undefined);
    this.session = undefined;
    await session?.close();
  }

  private async liveSession(): Promise<BrowserSession> {
    if (this.closed) throw new Error("the page pool is closed");
    const current = this.session;
    if (current) {
      const session = await current.catch(() => undefined);
      if (session?.isAlive) return session;
      // Several callers can find the same dead (or failed) session at once: only the first
      // replaces it, the others then wait on that one launch.
      if (this.session !== current) return this.liveSession();
      void session?.close();
    }
    const started = Date.now();
    const launching = BrowserSession.launch(this.launchOptions, () => this.events.browserLost?.());
    this.session = launching;
    const session = await launching.catch((error: unknown) => {
      // Forget a failed launch so the next document tries again instead of inheriting the failure.
      if (this.session === launching) this.session = undefined;
      throw error;
    });
    if (this.closed) {
      await session.close();
      throw new Error("the page pool is closed");
    }
    this.events.launched?.(Date.now() - started);
    return session;
  }
}
