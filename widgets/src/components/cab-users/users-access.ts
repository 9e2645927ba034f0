import { html, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { accessApi, type Member } from "../../access/access-api.js";
import { defineElement } from "../../runtime/define-element.js";
import { accessOf, emptyDraft, type Draft, UsersPart } from "./users-part.js";

/** `<cab-users>`'s editor of one person's roles and service scope. Internal. */
export class CabUsersAccess extends UsersPart {
  @property({ attribute: false }) member!: Member;
  /** Puts the editor away (cancelled, or saved). */
  @property({ attribute: false }) close: () => void = () => {};
  @state() private draft: Draft = emptyDraft();

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Opened on a person: their access as it is now.
    if (changed.has("member") && changed.get("member")?.id !== this.member.id) this.draft = emptyDraft(this.member.roles, this.member.serviceScope);
  }

  protected override render() {
    const t = this.t;
    const m = this.member;
    return html`<form class="box" part="access-form" @submit=${this.save}>
      ${this.renderAccessFields(this.draft, (next) => (this.draft = next), `edit-${m.id}`)}
      ${this.renderFormActions(t.users.save, "button", () => this.close())}
    </form>`;
  }

  private save(event: Event): void {
    event.preventDefault();
    const [member, draft] = [this.member, this.draft];
    void this.write(`access:${member.id}`, async () => {
      await this.session.call((api, c) => accessApi.setAccess(api, member.id, accessOf(draft), c));
      this.close();
      return { notice: this.t.users.saved, reload: true };
    });
  }
}

defineElement("cab-users-access", CabUsersAccess);
