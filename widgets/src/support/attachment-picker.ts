import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import type { SupportT } from "../i18n/support.js";
import { CabinetApiError } from "../runtime/api-client.js";
import { checkAttachments, formatBytes, type AttachmentLimits, type AttachmentProblem } from "./hints.js";

/**
 * The files picked for a new ticket or a reply, with the limits as a hint and each problem
 * said beside the field before anything is sent. Files can be added in several goes and
 * removed one by one.
 */
export class AttachmentPicker implements ReactiveController {
  files: File[] = [];
  /** The limits the server stated when it refused files (`details.limitBytes`, `details.limit`): they win over the page's. */
  private learned: Partial<AttachmentLimits> = {};

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly limits: () => AttachmentLimits,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get problems(): AttachmentProblem[] {
    return checkAttachments(this.files, this.currentLimits());
  }

  private currentLimits(): AttachmentLimits {
    return { ...this.limits(), ...this.learned };
  }

  /** Takes the real limits from the server's refusal, so the hint and the checks say them from now on. */
  learn(cause: unknown): void {
    if (!(cause instanceof CabinetApiError)) return;
    const { limitBytes, limit } = cause.details;
    if (cause.code === "CAB_ERR_ATTACHMENT_TOO_LARGE" && typeof limitBytes === "number" && limitBytes > 0)
      this.learned = { ...this.learned, maxBytes: limitBytes };
    if (cause.code === "CAB_ERR_TOO_MANY_ATTACHMENTS" && typeof limit === "number" && limit >= 0) this.learned = { ...this.learned, maxFiles: limit };
    this.host.requestUpdate();
  }

  clear(): void {
    this.files = [];
    this.host.requestUpdate();
  }

  private add(input: HTMLInputElement): void {
    this.files = [...this.files, ...Array.from(input.files ?? [])];
    // The same file may be picked again after removing it.
    input.value = "";
    this.host.requestUpdate();
  }

  private remove(index: number): void {
    this.files = this.files.filter((_, i) => i !== index);
    this.host.requestUpdate();
  }

  render(t: SupportT, locale: string, id: string): TemplateResult {
    const limits = this.currentLimits();
    const problems = this.problems;
    const size = (bytes: number) => formatBytes(bytes, locale);
    return html`
      <div class="field" part="attachments">
        <span class="label" id="${id}-label">${t.support.attachments}</span>
        <div class="picker">
          <!-- The native control stays (keyboard, screen readers) but out of sight: it would say "No file chosen" beside files already chosen. -->
          <input
            id=${id}
            class="visually-hidden file-input"
            part="input"
            type="file"
            multiple
            aria-labelledby="${id}-label ${id}-choose"
            aria-describedby="${id}-count ${id}-hint${problems.length ? ` ${id}-problems` : ""}"
            aria-invalid=${problems.length ? "true" : "false"}
            @change=${(e: Event) => this.add(e.target as HTMLInputElement)}
          />
          <label for=${id} class="button secondary small choose" part="button choose-files" id="${id}-choose">${t.support.chooseFiles}</label>
          <span class="muted" id="${id}-count" part="files-chosen">${t.support.filesChosen(this.files.length)}</span>
        </div>
        <p class="hint" id="${id}-hint">${t.support.attachmentsHint(limits.maxFiles, size(limits.maxBytes))}</p>
        ${
          this.files.length
            ? html`<ul class="files" part="files">
                ${this.files.map(
                  (file, index) =>
                    html`<li>
                      <span>${file.name}</span> <span class="muted">${size(file.size)}</span>
                      <button class="link-button" type="button" aria-label=${t.support.removeFile(file.name)} @click=${() => this.remove(index)}>×</button>
                    </li>`,
                )}
              </ul>`
            : nothing
        }
        ${
          problems.length
            ? html`<div id="${id}-problems">
                ${problems.map(
                  (p) =>
                    html`<p class="field-error" part="field-error">
                      ${p.kind === "too-many" ? t.support.tooManyFiles(p.max) : t.support.fileTooLarge(p.name, size(p.maxBytes))}
                    </p>`,
                )}
              </div>`
            : nothing
        }
      </div>
    `;
  }
}
