import { state } from "lit/decorators.js";
import { accessStrings, type AccessT } from "../i18n/access.js";
import type { Locale } from "../i18n/index.js";
import type { RightAction, Section } from "../runtime/rights.js";
import { GatedElement, type Access } from "../runtime/gated-element.js";

/** The rights table's rows and columns, in the API's order. */
export const sections: Section[] = ["services", "finance", "documents", "support", "audit"];
export const rightActions: RightAction[] = ["view", "order", "change", "delete", "pay", "export"];

/** A role's name in `t`'s language: built-in ones translated, custom ones as named (`names`: key → name). */
export function roleNameOf(t: AccessT, key: string, names: Map<string, string> = new Map()): string {
  return t.rights.builtIn[key] ?? names.get(key) ?? key;
}

/**
 * What every shared-access widget shares, on top of {@link GatedElement}: access's strings, and
 * (`ownerOnly`) the owner-only rule of users and roles — a user without it sees why, not an error.
 */
export abstract class AccessElement extends GatedElement<AccessT> {
  protected override readonly permission: Section | Section[] | null = null;
  /** Users and roles are the owner's alone, whatever a role grants. */
  protected readonly ownerOnly: boolean = false;
  /** What the widget is doing now (a key of the row or form): one write at a time. */
  @state() protected busy: string | null = null;

  protected override stringsFor(locale: Locale): AccessT {
    return accessStrings(locale);
  }

  protected override get access(): Access {
    const access = super.access;
    // Only then: a widget taken off the page mid-update has no session to read.
    if (access !== "granted" || !this.ownerOnly) return access;
    const me = this.cabinet.session.me;
    return me && me.user.role !== "owner" ? "forbidden" : access;
  }

  /** A role's name in the page's language: built-in ones translated, custom ones as named. */
  protected roleName(key: string, names: Map<string, string> = new Map()): string {
    return roleNameOf(this.t, key, names);
  }
}
