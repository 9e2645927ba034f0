import { html } from "lit";
import { property, state } from "lit/decorators.js";
import { accessApi, type Member } from "../../access/access-api.js";
import { defineElement } from "../../runtime/define-element.js";
import { noProof, proofBody, UsersPart } from "./users-part.js";

/** `<cab-users>`'s form that hands the account over to one person, after the owner's password (and code). Internal. */
export class CabUsersTransfer extends UsersPart {
  @property({ attribute: false }) member!: Member;
  /** Puts the form away (cancelled, or done). */
  @property({ attribute: false }) close: () => void = () => {};
  @state() private proof = noProof();

  protected override render() {
    const t = this.t;
    return html`<form class="box" part="transfer" @submit=${this.transfer}>
      <p>${t.users.transferIntro(this.member.name)}</p>
      ${this.renderProofFields("transfer", this.proof, (p) => (this.proof = p))}
      ${this.renderFormActions(t.users.transferSubmit, "button danger", () => this.close())}
    </form>`;
  }

  private transfer(event: Event): void {
    event.preventDefault();
    const [member, proof] = [this.member, proofBody(this.proof)];
    void this.write(`transfer:${member.id}`, async () => {
      await this.session.call((api, c) => accessApi.transfer(api, member.id, proof, c));
      this.proof = noProof();
      this.close();
      // No longer the owner: /me says so, and `<cab-users>` shows its "owner only" message.
      const me = await this.session.call((api, c) => api.me(c));
      this.session.updateMe(me);
    });
  }
}

defineElement("cab-users-transfer", CabUsersTransfer);
