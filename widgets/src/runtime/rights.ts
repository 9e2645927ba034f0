import type { Me, User } from "./api-types.js";

/** Section → the actions allowed in it, as `/me` reports them. */
export type Rights = User["rights"];
export type Section = keyof Rights;
export type RightAction = NonNullable<Rights[Section]>[number];

/**
 * Whether the signed-in user may `action` in `section`, as the server reported their rights in
 * `/me` (the owner may do everything). A staff member's read-only session may only look. It
 * only decides what a widget shows: the server refuses (403) whatever the widget shows.
 */
export function may(me: Me | null, section: Section, action: RightAction = "view"): boolean {
  if (!me) return false;
  if (action !== "view" && me.session.staff?.mode === "read") return false;
  if (me.user.role === "owner") return true;
  const rights = me.user.rights;
  // An older core without rights in /me: a permission grants its whole section.
  if (!rights) return (me.user.permissions as string[]).includes(section);
  return rights[section]?.includes(action) ?? false;
}

/**
 * Whether the signed-in user is limited to some services (per-service scope): such a user sees
 * the money and papers of those services only, and may not do what covers the whole account
 * (top up its balance, ask for its acts and reconciliation statements) — the server refuses
 * it with 403 `service_scope`, so a widget says why instead of offering it.
 */
export function limitedToServices(me: Me | null): boolean {
  return Boolean(me && me.user.role !== "owner" && me.user.serviceScope);
}
