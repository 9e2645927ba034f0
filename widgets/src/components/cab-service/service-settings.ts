import { html, nothing } from "lit";
import { state } from "lit/decorators.js";
import { defineElement } from "../../runtime/define-element.js";
import { ServiceForm } from "./service-form.js";

/** `<cab-service>`'s settings card: auto-renewal and the service's label. Internal. */
export class CabServiceSettings extends ServiceForm {
  @state() private labelText: string | null = null;

  protected override render() {
    const t = this.t;
    const service = this.service;
    const autoRenew = this.action("autoRenew");
    const labelAllowed = this.mayWrite && service.status !== "deleted";
    const labelValue = this.labelText ?? service.label ?? "";
    return html`<div class="settings card" part="settings">
      <div class="setting">
        <label class="checkbox">
          <input
            type="checkbox"
            .checked=${service.autoRenew}
            ?disabled=${!autoRenew.allowed || this.busy !== null}
            aria-describedby=${autoRenew.allowed ? nothing : "reason-auto-renew"}
            @change=${this.onAutoRenew}
          />
          <span>${t.service.autoRenew}</span>
        </label>
        ${this.reason("reason-auto-renew", autoRenew)} ${this.errorOf("autoRenew")}
      </div>
      <form class="label-form" novalidate @submit=${this.onLabel}>
        <div class="field">
          <label for="service-label">${t.service.label}</label>
          <input
            class="input"
            part="input"
            id="service-label"
            type="text"
            maxlength="100"
            autocomplete="off"
            .value=${labelValue}
            ?disabled=${!labelAllowed}
            @input=${(e: Event) => (this.labelText = (e.target as HTMLInputElement).value)}
          />
        </div>
        <button class="button secondary" part="button" type="submit" ?disabled=${!labelAllowed || this.busy !== null || this.labelText === null}>
          ${t.service.saveLabel}
        </button>
      </form>
      ${this.errorOf("label")}
    </div>`;
  }

  private onAutoRenew(event: Event): void {
    const input = event.target as HTMLInputElement;
    const on = input.checked;
    const id = this.service.id;
    void this.write("autoRenew", async () => {
      const service = await this.session.call((api, c) => api.updateService(id, { autoRenew: on }, c));
      return { service, outcome: { tone: "success", text: this.t.service.autoRenewSaved(service.autoRenew) } };
    }).then((ok) => {
      if (!ok) input.checked = !on;
    });
  }

  private onLabel(event: SubmitEvent): void {
    event.preventDefault();
    const label = (this.labelText ?? "").trim();
    const id = this.service.id;
    void this.write("label", async () => {
      const service = await this.session.call((api, c) => api.updateService(id, { label: label || null }, c));
      this.labelText = null;
      return { service, outcome: { tone: "success", text: this.t.service.labelSaved } };
    });
  }
}

defineElement("cab-service-settings", CabServiceSettings);
