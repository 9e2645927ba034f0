import { html } from "lit";
import { state } from "lit/decorators.js";
import { accessApi } from "../../access/access-api.js";
import { defineElement } from "../../runtime/define-element.js";
import { renderField } from "../../forms/form-parts.js";
import { accessOf, emptyDraft, noProof, proofBody, UsersPart } from "./users-part.js";

const blank = () => ({ email: "", name: "", password: "" });

/** `<cab-users>`'s form that creates a user with a password to hand over (folded away at first). Internal. */
export class CabUsersCreate extends UsersPart {
  @state() private person = blank();
  @state() private draft = emptyDraft(["accountant"]);
  @state() private proof = noProof();

  protected override render() {
    const t = this.t;
    const { email, name, password } = this.person;
    const set = (patch: Partial<ReturnType<typeof blank>>) => (this.person = { ...this.person, ...patch });
    return html`<details class="box" part="create">
      <summary class="subheading">${t.users.createTitle}</summary>
      <form class="stack" @submit=${this.create}>
        <p class="hint">${t.users.createIntro}</p>
        ${renderField({ label: t.users.email, type: "email", required: true, autocomplete: "off", maxlength: 254, value: email, onInput: (v) => set({ email: v }) })}
        ${renderField({ label: t.users.name, required: true, maxlength: 200, value: name, onInput: (v) => set({ name: v }) })}
        ${renderField({ label: t.users.password, required: true, autocomplete: "off", maxlength: 256, value: password, onInput: (v) => set({ password: v }) })}
        ${this.renderAccessFields(this.draft, (next) => (this.draft = next), "create")} ${this.renderProofFields("create", this.proof, (p) => (this.proof = p))}
        <div>
          <button class="button secondary" part="button" type="submit" ?disabled=${this.busy !== null || this.draft.roles.size === 0}>${t.users.create}</button>
        </div>
      </form>
    </details>`;
  }

  private create(event: Event): void {
    event.preventDefault();
    const [{ email, name, password }, draft] = [this.person, this.draft];
    const { password: currentPassword, ...code } = proofBody(this.proof);
    void this.write("create", async () => {
      const created = await this.session.call((api, c) =>
        accessApi.createUser(api, { email: email.trim(), name: name.trim(), password, ...accessOf(draft), currentPassword, ...code }, c),
      );
      this.person = blank();
      this.draft = emptyDraft(["accountant"]);
      this.proof = noProof();
      return { notice: this.t.users.created(created.email), reload: true };
    });
  }
}

defineElement("cab-users-create", CabUsersCreate);
