// The component tests' harness (vitest browser mode, widgets/src/components/<tag>/<tag>.test.ts):
// a widget on a page of its own, with a signed-in session and a scripted API.
import { afterEach, expect, it } from "vitest";
import type { Me, User } from "../../src/runtime/api-types.js";
import { apiError, fakeApi, json, type Call, type RouteAnswer } from "../fake-fetch.js";

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

class QuietStream extends EventTarget {
  readonly readyState = 0;
  close(): void {}
}

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
  // The support widgets' live feed: a stream that stays quiet (no network in these tests).
  globalThis.EventSource = QuietStream as unknown as typeof EventSource;
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
  await expect.poll(() => api.callsTo(route).length).toBe(before + 1);
  await expect.poll(() => textOf(element)).not.toContain("Couldn't load it.");
  await shows(element, loaded);
}

/**
 * The states every paged list widget shares: loading then its rows, its "nothing yet" message,
 * a failure with "Try again", and (`forbiddenFor`) a user whose rights hide it, who asks nothing.
 * `routes`: what else the widget asks (gateways, a catalog…).
 */
export function listStates(o: {
  tag: string;
  route: string;
  items: unknown[];
  shown: string;
  empty: string;
  routes?: Record<string, RouteAnswer | RouteAnswer[]>;
  attributes?: Record<string, string>;
  forbiddenFor?: Me;
  /** Another request to the same route (its query tells it apart) answered here rather than by the list's answers. */
  aside?: (call: Call) => Response | null;
  /** What the user does first for the list to show (the bell opens its panel). */
  open?: (element: HTMLElement) => Promise<void>;
}): void {
  const page = (items: unknown[]) => json(200, { items, nextCursor: null });
  const mountWith = async (answer: RouteAnswer | RouteAnswer[], who?: Me) => {
    const queue = [answer].flat();
    const next = (call: Call): Response | Promise<Response> => {
      const a = queue.length > 1 ? queue.shift()! : queue[0];
      if (a instanceof Error) throw a;
      return typeof a === "function" ? a(call) : a.clone();
    };
    const aside = o.aside;
    const routed: RouteAnswer = aside ? (call) => aside(call) ?? next(call) : next;
    const mounted = await mount(o.tag, { ...o.routes, [o.route]: routed }, { attributes: o.attributes, who });
    if (o.open && !who) await o.open(mounted.element);
    return mounted;
  };
  afterEach(unmount);

  it("says it is loading, then shows its rows", async () => {
    let release!: (r: Response) => void;
    const { element } = await mountWith(() => new Promise<Response>((resolve) => (release = resolve)));
    // Asked, not answered yet.
    await expect.poll(() => release).toBeTypeOf("function");
    await shows(element, "Loading");
    expect(textOf(element)).not.toContain(o.shown);
    release(page(o.items));
    await shows(element, o.shown);
  });

  it("says when there is nothing yet", async () => {
    const { element } = await mountWith(page([]));
    await shows(element, o.empty);
  });

  it("says why it could not load, with the code, and loads again on Try again", async () => {
    const { element, api } = await mountWith([apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), page(o.items)]);
    await failsThenRetries(element, api, o.route, o.shown);
  });

  if (o.forbiddenFor) {
    const who = o.forbiddenFor;
    it("is hidden from a user whose rights do not reach it, and asks nothing", async () => {
      const { element, api } = await mountWith(page(o.items), who);
      await hasPart(element, "forbidden");
      expect(api.callsTo(o.route)).toHaveLength(0);
    });
  }
}

/** Types `value` into the field labelled `label` (its `<label>`'s text) inside `within` of `element`'s shadow root, as a user would (an `input` event). */
export function fill(element: Element, label: string, value: string, within = ""): void {
  const labels = [...element.shadowRoot!.querySelectorAll<HTMLLabelElement>(`${within} label`)];
  const match = labels.find((l) => l.textContent?.replace(/\s+/g, " ").trim().startsWith(label));
  const input = match?.control ?? match?.querySelector("input, textarea, select");
  if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) throw new Error(`no field "${label}" in ${textOf(element)}`);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
}

/** Submits the form `selector` in `element`'s shadow root, as its submit button would. */
export function submit(element: Element, selector: string): void {
  const form = find<HTMLElement>(element, selector);
  const target = form instanceof HTMLFormElement ? form : form?.querySelector("form");
  if (!target) throw new Error(`no form ${selector} in ${textOf(element)}`);
  target.requestSubmit();
}
