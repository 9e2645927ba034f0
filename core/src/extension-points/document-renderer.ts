/**
 * Turns a rendered HTML document into PDF bytes. The core renders the Handlebars template;
 * the renderer only prints it, so the same HTML always gives the same document.
 *
 * @example
 * const renderer: DocumentRenderer = {
 *   id: "chromium",
 *   async renderPdf({ html }) { return printWithBrowser(html); },
 * };
 */
export interface DocumentRenderer {
  readonly id: string;
  renderPdf(request: { documentId: string; html: string; timeoutMs: number }): Promise<Buffer>;
}
