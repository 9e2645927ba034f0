import { html } from "lit";
import { state } from "lit/decorators.js";
import { accessApi } from "../../access/access-api.js";
import { defineElement } from "../../runtime/define-element.js";
import { renderField } from "../../forms/form-parts.js";
import { accessOf, emptyDraft, noProof, proofBody, UsersPart } from "./users-part.js";

/** `<cab-users>`'s invitation form: an e-mail, the access it gives, the owner's proof. Internal. */
export class CabUsersInvite extends UsersPart {
  @state() private email = "";
  @state() private draft = emptyDraft(["accountant"]);
  @state() private proof = noProof();

  protected override render() {
    const t = this.t;
    const draft = this.draft;
    return html`<form class="box" part="invite" aria-labelledby="users-invite" @submit=${this.send}>
      <h3 class="subheading" id="users-invite">${t.users.inviteTitle}</h3>
      <p class="hint">${t.users.inviteIntro}</p>
      ${renderField({ label: t.users.email, type: "email", required: true, autocomplete: "off", maxlength: 254, value: this.email, onInput: (v) => (this.email = v) })}
      ${this.renderAccessFields(draft, (next) => (this.draft = next), "invite")} ${this.renderProofFields("invite", this.proof, (p) => (this.proof = p))}
      <div>
        <button class="button" part="button" type="submit" ?disabled=${this.busy !== null || draft.roles.size === 0}>
          ${this.busy === "invite" ? t.users.inviting : t.users.invite}
        </button>
      </div>
    </form>`;
  }

  private send(event: Event): void {
    event.preventDefault();
    const [email, draft, proof] = [this.email, this.draft, this.proof];
    void this.write("invite", async () => {
      const sent = await this.session.call((api, c) => accessApi.invite(api, { email: email.trim(), ...accessOf(draft), ...proofBody(proof) }, c));
      this.email = "";
      this.draft = emptyDraft(["accountant"]);
      this.proof = noProof();
      // Bubbles out of the widget's shadow root: the page hears it from `<cab-users>`.
      this.dispatchEvent(new CustomEvent("cab-user-invited", { detail: { invitation: sent.invitation }, bubbles: true, composed: true }));
      return {
        notice: this.t.users.invited(sent.invitation.email),
        invitations: [sent.invitation, ...this.directory.invitations.filter((i) => i.id !== sent.invitation.id)],
      };
    });
  }
}

defineElement("cab-users-invite", CabUsersInvite);
