// The component tests' harness (vitest browser mode, widgets/src/components/<tag>/<tag>.test.ts):
// a widget on a page of its own, with a signed-in session and a scripted API.
import { expect } from "vitest";
import type { Me, User } from "../../src/runtime/api-types.js";
import { fakeApi, json, type RouteAnswer } from "../fake-fetch.js";

type Rights = User["rights"];

/** A signed-in member with `rights` (an owner, who may do everything, with `"owner"`). */
export function me(rights: Rights | "owner" = "owner"): Me {
  return {
    user: {
      id: "usr_1",
      email: "ann@example.test",
      name: "Ann",
      role: rights === "owner" ? "owner" : "member",
      permissions: [],
      rights: rights === "owner" ? {} : rights,
      roles: [],
      serviceScope: null,
      mustChangePassword: false,
      locale: "en",
      phone: null,
      timezone: "UTC",
      rowsPerPage: 20,
      emailVerified: true,
    },
    account: { id: "acc_1", name: "Ann's", kind: "person", currency: "EUR", locale: "en" },
    brand: { slug: "demo", name: "Demo" },
    session: { csrfToken: "csrf", expiresAt: "2099-01-01T00:00:00.000Z", via: "cookie", staff: null },
  };
}

let page: HTMLElement | null = null;

/**
 * Puts `<tag attributes…>` on the page inside a fresh `<cab-config>` (so a fresh session: the
 * contexts are per config element), signed in as `who` (null: signed out), the API answering by
 * `routes`; resolves once the widget has rendered for the first time.
 */
export async function mount<E extends HTMLElement>(
  tag: string,
  routes: Record<string, RouteAnswer | RouteAnswer[]>,
  options: { who?: Me | null; attributes?: Record<string, string> } = {},
) {
  unmount();
  const who = options.who === undefined ? me() : options.who;
  const api = fakeApi({ "GET /auth/session": json(200, { signedIn: !!who, me: who }), ...routes });
  globalThis.fetch = api.fetch;
  page = document.createElement("div");
  const config = document.createElement("cab-config");
  config.setAttribute("api-base", "https://api.test");
  config.setAttribute("locale", "en");
  const element = document.createElement(tag) as E & { updateComplete: Promise<boolean> };
  for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);
  page.append(config, element);
  document.body.append(page);
  await element.updateComplete;
  return { element, api };
}

export function unmount(): void {
  page?.remove();
  page = null;
}

/** The text a user sees in `element`, its shadow root and the shadow roots inside, spaces squeezed. */
export function textOf(element: Element): string {
  const walk = (node: Node): string => {
    if (node instanceof Element && node.shadowRoot) return walk(node.shadowRoot);
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
    return [...node.childNodes].map(walk).join(" ");
  };
  return walk(element).replace(/\s+/g, " ").trim();
}

/** The first element matching `selector` in `element`'s shadow root (or the light DOM rendered inside it). */
export function find<T extends Element = HTMLElement>(element: Element, selector: string): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

/** Clicks the button named `name` in `element`'s shadow root. */
export function clickButton(element: Element, name: string): void {
  const button = [...element.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent?.trim() === name);
  if (!button) throw new Error(`no button "${name}" in ${textOf(element)}`);
  button.click();
}

/** Waits until `element` shows `text` (re-reading it as the widget updates; no fixed delay). */
export async function shows(element: Element, text: string): Promise<void> {
  await expect.poll(() => textOf(element)).toContain(text);
}

/** Waits until `element` has a part named `part` (`[part~=…]`). */
export async function hasPart(element: Element, part: string): Promise<void> {
  await expect.poll(() => find(element, `[part~="${part}"]`)).not.toBeNull();
}

/**
 * The failure every widget says the same way: "Couldn't load it.", why, the error's code, and
 * "Try again", which asks `route` again (its next answer succeeds), then shows `loaded`.
 */
export async function failsThenRetries(element: Element, api: { callsTo(route: string): unknown[] }, route: string, loaded: string): Promise<void> {
  await shows(element, "Couldn't load it.");
  expect(textOf(element)).toContain("CAB_ERR_UNAVAILABLE");
  const before = api.callsTo(route).length;
  clickButton(element, "Try again");
  await shows(element, loaded);
  expect(api.callsTo(route).length).toBe(before + 1);
}
