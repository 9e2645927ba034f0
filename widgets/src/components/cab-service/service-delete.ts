import { html, nothing } from "lit";
import { state } from "lit/decorators.js";
import type { ServiceDetail } from "../../runtime/api-types.js";
import { defineElement } from "../../runtime/define-element.js";
import { renderConfirm, ServiceForm } from "./service-form.js";

/** `<cab-service>`'s deletion card (a cancelled service), asked twice. Internal. */
export class CabServiceDelete extends ServiceForm {
  @state() private confirming = false;

  protected override render() {
    const t = this.t;
    const del = this.action("delete");
    return html`<div class="card" part="action action-delete" role="group" aria-labelledby="delete-title">
      <h3 class="subheading" id="delete-title">${t.service.deleteTitle}</h3>
      ${
        this.confirming
          ? renderConfirm({
              id: "delete-question",
              question: t.service.deleteQuestion,
              confirm: t.service.confirmDelete,
              running: t.service.deleting,
              isRunning: this.busy === "delete",
              disabled: this.busy !== null,
              onConfirm: () => this.onDelete(),
              keep: t.service.keep,
              onKeep: () => this.ask(false),
            })
          : html`<div class="actions">
              <button
                class="button secondary danger-outline"
                part="button"
                type="button"
                ?disabled=${!del.allowed || this.busy !== null}
                aria-describedby=${del.allowed ? nothing : "reason-delete"}
                @click=${() => this.ask(true)}
              >
                ${t.service.delete}
              </button>
            </div>`
      }
      ${this.reason("reason-delete", del)} ${this.errorOf("delete")}
    </div>`;
  }

  private ask(confirming: boolean): void {
    this.confirming = confirming;
    this.dismiss();
  }

  private onDelete(): void {
    const before = this.service;
    void this.write("delete", async () => {
      await this.session.call((api, c) => api.deleteService(before.id, c));
      // A deleted service may still be read (its status says so); if not, keep what was on screen.
      const service = await this.session
        .call((api, c) => api.getService(before.id, c))
        .catch(() => ({ ...before, status: "deleted" as const, actions: {} as ServiceDetail["actions"] }));
      return { service, outcome: { tone: "success", text: this.t.service.deleted } };
    }).then((ok) => {
      if (ok) this.confirming = false;
    });
  }
}

defineElement("cab-service-delete", CabServiceDelete);
