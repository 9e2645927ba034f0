import { html, type TemplateResult } from "lit";
import type { CabinetController } from "./cabinet-controller.js";
import type { CabinetDocument } from "./api-types.js";

/**
 * A document's PDF as the session allows: with a cookie a plain link (the cookie goes along),
 * in bearer mode a button that fetches it with the token and hands it to `save`.
 */
export function renderPdfLink(
  cabinet: CabinetController,
  doc: CabinetDocument,
  label: string,
  save: (blob: Blob, name: string) => void,
  onError: (cause: unknown) => void,
): TemplateResult {
  const api = cabinet.context!.api;
  const path = api.documentPath(doc.id, "pdf");
  if (cabinet.settings.auth === "cookie") return html`<a class="file" part="download" href=${api.url(path).href} download>${label}</a>`;
  const fetchIt = async () => {
    try {
      const { blob, filename } = await cabinet.session.call((a, c) => a.download(path, {}, c, `${doc.kind}-${doc.id}.pdf`));
      save(blob, filename);
    } catch (cause) {
      onError(cause);
    }
  };
  return html`<button class="link-button file" part="download" type="button" @click=${fetchIt}>${label}</button>`;
}
