import { permissions, rightActions, sections, type Permission, type Rights, type RightAction, type Section, type UserRole } from "./auth-context.js";

/** The role templates every account has. Custom roles (`rol_…`) are the account's own. */
export const builtInRoles = {
  /** Finance and documents: read, pay and export (an accountant's spreadsheet). */
  accountant: { finance: ["view", "pay", "export"], documents: ["view", "pay", "export"] },
  /** Services and support: read, order, change and renew; tickets. Not cancel (delete), not pay. */
  sysadmin: { services: ["view", "order", "change"], support: ["view", "order", "change"] },
  /** Reads everything, exports; no action that changes anything or moves money. */
  viewer: Object.fromEntries(sections.map((s) => [s, ["view", "export"]])) as Rights,
} satisfies Record<string, Rights>;
export type BuiltInRole = keyof typeof builtInRoles;
export const builtInRoleNames = Object.keys(builtInRoles) as BuiltInRole[];

export const isBuiltInRole = (key: string): key is BuiltInRole => (builtInRoleNames as string[]).includes(key);

/** Every right there is: what the owner holds. */
export const allRights: Rights = Object.fromEntries(sections.map((s) => [s, [...rightActions]]));

/**
 * A user's rights: the union of their legacy permissions (each grants its whole section) and
 * every role they hold. The most permissive wins: a union, never an intersection. Any action
 * in a section implies seeing it.
 */
export function combineRights(role: UserRole, legacy: Permission[], roles: Rights[]): Rights {
  if (role === "owner") return allRights;
  const out = new Map<Section, Set<RightAction>>();
  const grant = (section: Section, actions: readonly RightAction[]) => {
    if (actions.length === 0) return;
    const set = out.get(section) ?? new Set<RightAction>(["view"]);
    for (const a of actions) set.add(a);
    out.set(section, set);
  };
  for (const p of legacy) if ((permissions as readonly string[]).includes(p)) grant(p, rightActions);
  for (const rights of roles) for (const s of sections) grant(s, rights[s] ?? []);
  return Object.fromEntries(sections.filter((s) => out.has(s)).map((s) => [s, rightActions.filter((a) => out.get(s)!.has(a))]));
}

/** Whether `rights` grants anything at all (a role that grants nothing is refused). */
export function grantsSomething(rights: Rights): boolean {
  return sections.some((s) => (rights[s]?.length ?? 0) > 0);
}

/** Rights as stored: known sections and actions only, each action once, in table order. */
export function normalizeRights(rights: Rights): Rights {
  return Object.fromEntries(sections.filter((s) => (rights[s]?.length ?? 0) > 0).map((s) => [s, rightActions.filter((a) => rights[s]!.includes(a))]));
}
