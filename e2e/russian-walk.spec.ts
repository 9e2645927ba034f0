import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";
import { startOwnCabinet, type OwnCabinet } from "./own-cabinet.js";
import sandboxPlugin from "../plugins/payment-sandbox/dist/index.js";
import bankTransferPlugin from "../plugins/payment-bank-transfer/dist/index.js";

// Issue 8 item 10: with the account in Russian, every page of the demo site reads Russian — what
// the widgets render, shadow roots included. Any Latin word left is a finding, unless it is a
// proper name: the brand's, a product or option name the provider did not translate (Debian 12),
// a currency or other acronym (USD, VPS), an e-mail, a domain, an address, or what a client or a
// staff member wrote (service labels, ticket subjects and messages, payers). The host page's own
// text (its menu, the headings it slots into the widgets) is the host's to translate: not read.
// A demo core of its own: switching Alice to Russian must not change what other specs see.

const alice = { email: "alice@example.com", password: "northwind-demo" };

let own: OwnCabinet;
test.beforeAll(async () => {
  // The demo's gateways: the top-up form names them.
  own = await startOwnCabinet([
    { definition: sandboxPlugin, options: {} },
    { definition: bankTransferPlugin, options: {} },
  ]);
});
test.afterAll(async () => {
  await own?.close();
});

interface Piece {
  widget: string;
  text: string;
}

/** Every text a widget shows (its shadow roots, nested widgets, labels read aloud), with the widget it is in. */
function collectWidgetText(): Piece[] {
  const pieces: Piece[] = [];
  const visible = (el: Element) => el.checkVisibility({ visibilityProperty: true } as never);
  const visit = (node: Node, widget: string | null) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.replace(/\s+/g, " ").trim();
      if (text && widget) pieces.push({ widget, text });
      return;
    }
    if (node instanceof Element) {
      const tag = node.localName;
      if (tag === "style" || tag === "script" || tag === "template") return;
      const inSelect = tag === "option" || tag === "optgroup";
      if (!inSelect && !visible(node)) return;
      if (inSelect && !visible(node.closest("select") ?? node)) return;
      if (tag.startsWith("cab-")) {
        // A widget's light children are the host page's (slotted headings): only its own rendering is read.
        if (node.shadowRoot) visit(node.shadowRoot, tag);
        return;
      }
      if (widget) {
        for (const attribute of ["aria-label", "placeholder", "title", "alt"]) {
          const value = node.getAttribute(attribute)?.trim();
          if (value) pieces.push({ widget, text: value });
        }
        if (node instanceof HTMLInputElement && (node.type === "submit" || node.type === "button") && node.value) pieces.push({ widget, text: node.value });
      }
      if (node.shadowRoot) visit(node.shadowRoot, widget);
    }
    for (const child of node.childNodes) visit(child, widget);
  };
  visit(document.body, null);
  return pieces;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A text's Latin words that are not proper names: what is still English. */
function englishIn(text: string, properNames: string[], written: string[]): string[] {
  // A piece of what someone wrote (a ticket's message, rendered) is theirs, whatever its language.
  if (written.some((w) => w.includes(text))) return [];
  let rest = ` ${text} `;
  for (const name of properNames) rest = rest.replace(new RegExp(`(?<![\\p{L}\\d])${escape(name)}(?![\\p{L}\\d])`, "gu"), " ");
  rest = rest
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ") // e-mail addresses
    .replace(/\bhttps?:\/\/\S+/g, " ")
    .replace(/\b[\w-]+(\.[\w-]+)+\b/g, " ") // domains, file names, versions
    .replace(/\b[A-Za-z]*[-_]?\d[\w-]*\b/g, " ") // codes with digits: web-01, NW-2026-0001, 2FA
    .replace(/\b[a-z]{2,4}_[0-9a-z]{8,}\b/g, " ") // ids (the audit log names what it is about)
    .replace(/\b[A-Z][A-Za-z]+(?:\/[A-Z][\w+-]*)+/g, " ") // IANA time zones: Europe/Amsterdam
    .replace(/\b[A-Z]{2,6}[a-z]?\b/g, " "); // acronyms and currency codes: USD, VPS, CPU, PDFs, NVMe
  // Formatted the English way: a time with AM/PM, an amount with the currency sign first ($18.00).
  const englishFormats = text.match(/\b\d{1,2}:\d{2}\s?[AP]M\b|[$€£]\s?\d/g) ?? [];
  return [...(rest.match(/[A-Za-z]{2,}(?:[’'][a-z]+)?/g) ?? []), ...englishFormats];
}

async function signInInRussian(request: APIRequestContext) {
  const signedIn = await request.post(`${own.url}/api/v1/auth/sign-in`, { data: { ...alice, mode: "cookie" } });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  const csrf = (await signedIn.json()).session.csrfToken as string;
  const patched = await request.patch(`${own.url}/api/v1/me`, {
    headers: { "X-CSRF-Token": csrf, Origin: own.url },
    data: { locale: "ru", accountLocale: "ru" },
  });
  expect(patched.status(), await patched.text()).toBe(200);
}

/** What clients and staff wrote, and the provider's proper names: never to be translated. */
async function properNamesOf(page: Page, request: APIRequestContext): Promise<{ names: string[]; written: string[] }> {
  const get = async (path: string) => (await request.get(`${own.url}/api/v1${path}`)).json();
  const me = await get("/me");
  const services = (await get("/services?limit=100")).items as { label: string | null }[];
  const tickets = (await get("/tickets?limit=100")).items as { id: string; subject: string }[];
  const messages = (await Promise.all(tickets.map((t) => get(`/tickets/${t.id}`)))).flatMap((t) => t.messages as { body: string; author: { name: string } }[]);
  const payers = ((await get("/payers")).items ?? []) as Record<string, unknown>[];
  const catalog = (await get("/catalog")).items as { parameters: { kind: string; options?: { label: string }[] }[] }[];
  const brand = await get("/brand");
  const written = [...tickets.map((t) => t.subject), ...messages.map((m) => m.body)];
  const names = [
    me.user.name,
    me.user.email,
    me.account.name,
    me.brand.name,
    "Northwind",
    "Hosting",
    ...services.map((s) => s.label ?? ""),
    ...messages.map((m) => m.author.name),
    ...payers.flatMap((p) => Object.values(p).filter((v): v is string => typeof v === "string")),
    // Option names the provider keeps in every language (Debian 12, Ubuntu 24.04).
    ...catalog.flatMap((p) => p.parameters.flatMap((d) => (d.options ?? []).map((o) => o.label))),
    ...Object.values(JSON.parse(JSON.stringify(brand)) as Record<string, unknown>).flatMap(function strings(v: unknown): string[] {
      return typeof v === "string" ? [v] : v && typeof v === "object" ? Object.values(v).flatMap(strings) : [];
    }),
    // Languages are offered under their own names.
    "English",
    // The Unix account a server's password is for.
    "root",
    // Where the client is signed in: the browser's own user agent, and browsers' and systems' names.
    await page.evaluate(() => navigator.userAgent),
    "Chrome",
    "Headless",
    "HeadlessChrome",
    "Chromium",
    "Firefox",
    "Safari",
    "Edge",
    "Opera",
    "Linux",
    "Windows",
    "macOS",
    "Android",
    "iOS",
  ]
    .map((s) => s.trim())
    .filter((s) => s.length > 1)
    .sort((a, b) => b.length - a.length);
  return { names, written };
}

/** The widgets' text once nothing is loading any more and two reads agree. */
async function settledText(page: Page): Promise<Piece[]> {
  let last = "";
  let pieces: Piece[] = [];
  await expect
    .poll(
      async () => {
        pieces = await page.evaluate(collectWidgetText);
        const text = JSON.stringify(pieces);
        const loading = pieces.some((p) => /Загрузка|Loading/.test(p.text));
        const settled = !loading && text === last;
        last = text;
        return settled;
      },
      { timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return pieces;
}

test.describe("the demo site in Russian", () => {
  test.describe.configure({ timeout: 300_000 });

  test("every page the client can reach reads Russian", async ({ page }) => {
    await signInInRussian(page.request);
    const { names: properNames, written } = await properNamesOf(page, page.request);
    const services = (await (await page.request.get(`${own.url}/api/v1/services?limit=100`)).json()).items as {
      id: string;
      label: string | null;
      status: string;
    }[];
    const tickets = (await (await page.request.get(`${own.url}/api/v1/tickets?limit=100`)).json()).items as { id: string }[];
    expect(services.length).toBeGreaterThan(0);
    expect(tickets.length).toBeGreaterThan(0);

    const pages = [
      "/services.html",
      ...services.map((s) => `/services.html?service=${s.id}`),
      "/billing.html",
      "/support.html",
      ...tickets.map((t) => `/support.html?ticket=${t.id}`),
      "/settings.html",
      "/privacy.html",
      "/team.html",
    ];
    const findings = new Map<string, Set<string>>();
    const record = (path: string, pieces: Piece[]) => {
      // Something was read, and in Russian: an empty read would find nothing English either.
      expect(pieces.filter((p) => /[а-яё]/i.test(p.text)).length, `Russian text on ${path}`).toBeGreaterThan(5);
      for (const piece of pieces) {
        const words = englishIn(piece.text, properNames, written);
        if (words.length === 0) continue;
        const key = `<${piece.widget}> “${piece.text}”`;
        if (!findings.has(key)) findings.set(key, new Set());
        findings.get(key)!.add(path);
      }
    };
    for (const path of pages) {
      await page.goto(`${own.url}${path}`);
      // The page follows the account's language once the session is known.
      await expect(page.locator("cab-config")).toHaveAttribute("locale", "ru", { timeout: 30_000 });
      await expect(page.locator("cab-login").getByRole("button", { name: "Выйти" })).toBeVisible({ timeout: 30_000 });
      record(path, await settledText(page));
      const service = services.find((s) => path.endsWith(`service=${s.id}`));
      if (service?.label === "web-01") {
        // The change form's preview: what the new parameters cost.
        await page.locator("cab-service").getByLabel("Ядра CPU").last().fill("4");
        await expect(page.locator("cab-service").getByRole("button", { name: "Подтвердить изменение" })).toBeVisible({ timeout: 30_000 });
        record(`${path} (change)`, await settledText(page));
      }
      if (path === "/services.html") {
        // The bell's panel, open.
        await page.locator("cab-notifications").getByRole("button").first().click();
        record(`${path} (notifications)`, await settledText(page));
        await page.keyboard.press("Escape");
      }
    }
    const report = [...findings].map(([text, paths]) => `${text} — on ${[...paths].join(", ")}`);
    expect(report, `still English:\n${report.join("\n")}`).toEqual([]);
  });

  test("switching the language in <cab-settings> renames the products on the page, without a reload", async ({ page }) => {
    const signedIn = await page.request.post(`${own.url}/api/v1/auth/sign-in`, {
      data: { email: "bob@example.com", password: alice.password, mode: "cookie" },
    });
    expect(signedIn.status()).toBe(200);
    await page.goto(`${own.url}/services.html`);
    const globex = page.locator("cab-services").getByRole("listitem").filter({ hasText: "globex-app" });
    await expect(globex).toContainText("Cloud VPS", { timeout: 30_000 });

    // The settings widget on the same page: its language applies to every widget at once.
    await page.locator("main").evaluate((main) => main.append(document.createElement("cab-settings")));
    const settings = page.locator("cab-settings");
    await settings.getByLabel("Language", { exact: true }).selectOption("ru");
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(globex).toContainText("Облачный VPS");
    await expect(globex).not.toContainText("Cloud VPS");
  });
});
