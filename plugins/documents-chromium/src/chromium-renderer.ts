import { CabinetError, type DocumentRenderer } from "@cabinet/core";
import type { Page } from "playwright-core";
import { crashGraceMs, PagePool, type PageLease } from "./page-pool.js";
import { RenderQueue } from "./render-queue.js";
import { rendererDefaults, type RendererOptions } from "./renderer-options.js";

/** The part of a pino logger the renderer uses (the plugin passes its own `logger`). */
export interface RendererLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

type RenderRequest = Parameters<DocumentRenderer["renderPdf"]>[0];

interface Job {
  readonly documentId: string;
  readonly html: string;
  readonly timeoutMs: number;
  /** Prints started for this job; a job gets a second one only after a failure that was not its own timeout. */
  attempts: number;
  resolve(pdf: Buffer): void;
  reject(error: unknown): void;
}

class RenderTimeout extends Error {}

const silent: RendererLog = { info() {}, warn() {} };

/**
 * Prints HTML to A4 PDF with Chromium, driven by playwright-core.
 *
 * - **Warm pages.** `pages` pages stay open and are reused (`setContent` + `pdf`), so a
 *   document costs a print, not a page (or a browser) start. At most `pages` documents print
 *   at once; the browser launches on the first document.
 * - **Bounded FIFO queue.** Up to `queueLimit` further documents wait their turn, in order;
 *   beyond that `renderPdf` throws `CAB_ERR_UNAVAILABLE` ("renderer queue full") at once, so
 *   the caller can back off instead of piling up memory.
 * - **Per-document timeout.** A document may hold a page for `timeoutMs` (the request's own
 *   `timeoutMs` when shorter; time spent waiting in the queue does not count). A document that
 *   overruns fails with `CAB_ERR_UNAVAILABLE` ("document render timed out"), and its page is
 *   closed and replaced so the next document starts on a clean one.
 * - **Browser crashes.** When Chromium dies, the next document launches a new one; documents
 *   still queued are untouched, and the ones that were printing are retried once, first in line.
 * - **Locked-down documents.** JavaScript is off and every request a document makes
 *   (images, fonts, CSS, frames) is aborted, except `data:` URLs: templates inline what they show.
 *
 * @example
 * const renderer = new ChromiumRenderer({ pages: 2, timeoutMs: 10_000 });
 * const pdf = await renderer.renderPdf({ documentId: "doc_1", html: "<h1>Invoice 42</h1>", timeoutMs: 5_000 });
 * await renderer.close();
 */
export class ChromiumRenderer implements DocumentRenderer {
  readonly id = "chromium";
  private readonly options: RendererOptions;
  private readonly queue: RenderQueue<Job>;
  private readonly pool: PagePool;
  private readonly printing = new Set<Promise<void>>();
  private stopping: Promise<void> | undefined;

  constructor(
    options: Partial<RendererOptions> = {},
    private readonly log: RendererLog = silent,
  ) {
    this.options = { ...rendererDefaults, ...options };
    this.queue = new RenderQueue(this.options.queueLimit);
    this.pool = new PagePool({ executablePath: this.options.executablePath, extraArgs: this.options.extraArgs }, this.options.pages, {
      browserLost: () => this.log.warn({ printing: this.printing.size, queued: this.queue.length }, "chromium went away; relaunching it for the next document"),
      launched: (launchMs) => this.log.info({ launchMs }, "chromium launched"),
    });
  }

  /** Documents waiting for a page (not counting the ones printing). */
  get queued(): number {
    return this.queue.length;
  }

  async renderPdf(request: RenderRequest): Promise<Buffer> {
    if (this.stopping) throw new CabinetError("CAB_ERR_UNAVAILABLE", { reason: "renderer is shut down" });
    const requested = Number.isFinite(request.timeoutMs) && request.timeoutMs > 0 ? request.timeoutMs : Infinity;
    return new Promise<Buffer>((resolve, reject) => {
      const job: Job = {
        documentId: request.documentId,
        html: request.html,
        timeoutMs: Math.min(requested, this.options.timeoutMs),
        attempts: 0,
        resolve,
        reject,
      };
      // The queue only ever holds jobs while every page is busy, so a free page means start now.
      if (this.printing.size < this.options.pages) this.start(job);
      else if (!this.queue.offer(job)) {
        reject(new CabinetError("CAB_ERR_UNAVAILABLE", { reason: "renderer queue full", queueLimit: this.options.queueLimit }));
      }
    });
  }

  /** Launches Chromium now instead of on the first document (a launch takes a few hundred ms). */
  async warm(): Promise<void> {
    await this.pool.warm();
  }

  /**
   * Stops taking documents, refuses the ones still queued, lets the ones printing finish (each
   * is bounded by its timeout), then closes Chromium and waits for its processes to exit.
   */
  close(): Promise<void> {
    this.stopping ??= (async () => {
      for (const job of this.queue.drain())
        job.reject(new CabinetError("CAB_ERR_UNAVAILABLE", { reason: "renderer is shut down", documentId: job.documentId }));
      await Promise.allSettled([...this.printing]);
      await this.pool.close();
    })();
    return this.stopping;
  }

  private start(job: Job): void {
    const printing: Promise<void> = this.print(job).finally(() => {
      this.printing.delete(printing);
      this.next();
    });
    this.printing.add(printing);
  }

  private next(): void {
    while (!this.stopping && this.printing.size < this.options.pages) {
      const job = this.queue.take();
      if (!job) return;
      this.start(job);
    }
  }

  private async print(job: Job): Promise<void> {
    job.attempts++;
    let lease: PageLease | undefined;
    try {
      lease = await this.pool.take();
      const pdf = await this.printOn(lease.page, job);
      this.pool.give(lease);
      job.resolve(pdf);
    } catch (error) {
      if (error instanceof RenderTimeout) {
        // Tell the caller now; the page is then closed (what hung goes with it) before this
        // slot takes the next document, so that one starts on a fresh page.
        this.log.warn({ documentId: job.documentId, timeoutMs: job.timeoutMs }, "document render timed out; its page was replaced");
        job.reject(new CabinetError("CAB_ERR_UNAVAILABLE", { reason: "document render timed out", documentId: job.documentId, timeoutMs: job.timeoutMs }));
        await this.pool.discard(lease!);
        return;
      }
      if (lease) await this.pool.discard(lease);
      await this.failed(job, error, lease);
    }
  }

  private async printOn(page: Page, job: Job): Promise<Buffer> {
    const work = (async () => {
      // Playwright's own timeouts are off: one timer below covers both steps.
      await page.setContent(job.html, { waitUntil: "load", timeout: 0 });
      return page.pdf({ format: "A4", printBackground: true });
    })();
    // After a timeout the page is closed under `work`, which then rejects with nobody waiting.
    work.catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RenderTimeout()), job.timeoutMs);
    });
    try {
      return await Promise.race([work, overrun]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A print that failed other than by its timeout: a dead browser or page, most likely. */
  private async failed(job: Job, error: unknown, lease: PageLease | undefined): Promise<void> {
    const { documentId } = job;
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    // If the browser died under this print, let it say so first, so that the retry goes to a
    // new browser and not to the dead one.
    if (!this.stopping && job.attempts < 2 && lease) await lease.session.endedWithin(crashGraceMs);
    if (!this.stopping && job.attempts < 2) {
      this.log.warn({ documentId, error: message }, "document print failed; retrying it once");
      this.queue.putBack(job);
      return;
    }
    // Chromium's message stays in the log: the error's details may reach an API client.
    this.log.warn({ documentId, error: message, attempts: job.attempts }, "document print failed");
    job.reject(
      new CabinetError("CAB_ERR_UNAVAILABLE", {
        reason: this.stopping ? "renderer is shut down" : lease ? "chromium failed to print the document" : "chromium could not be started",
        documentId,
      }),
    );
  }
}
