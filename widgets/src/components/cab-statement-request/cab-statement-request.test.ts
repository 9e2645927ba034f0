import { afterEach, describe, expect, it } from "vitest";
import { apiError, json } from "../../../test/fake-fetch.js";
import { find, hasPart, me, mount, shows, submit, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-statement-request.js";

const payer = (id: string, name: string, isDefault: boolean) => ({
  id,
  kind: "company",
  name,
  address: "1 Main St",
  country: "DE",
  registrationNumber: null,
  vatNumber: null,
  email: null,
  isDefault,
  createdAt: "2026-01-01T00:00:00.000Z",
});
const statement = {
  id: "doc_1",
  kind: "reconciliation",
  number: null,
  title: "Reconciliation statement",
  reference: null,
  payerId: "pay_1",
  periodFrom: "2026-01-01",
  periodTo: "2026-01-31",
  locale: "en",
  status: "not_rendered",
  failureReason: "no renderer",
  templateSha256: "a",
  htmlSha256: "b",
  pdf: null,
  issuedAt: "2026-02-01T00:00:00.000Z",
};
const routes = { "GET /payers": json(200, { items: [payer("pay_1", "Ann Example", true)] }) };

/** Sets a date field as a user would. */
function setDate(element: HTMLElement, id: string, value: string): void {
  const input = find<HTMLInputElement>(element, `#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event("input"));
}

describe("<cab-statement-request>", () => {
  afterEach(unmount);

  it("offers this month up to today, and asks whose statement only when there are two payers", async () => {
    const { element } = await mount("cab-statement-request", routes);
    await hasPart(element, "form");
    const today = new Date().toISOString().slice(0, 10);
    expect(find<HTMLInputElement>(element, "#to")!.value).toBe(today);
    expect(find<HTMLInputElement>(element, "#from")!.value).toBe(`${today.slice(0, 8)}01`);
    expect(find(element, '[part~="payer"]')).toBeNull();

    const two = await mount("cab-statement-request", {
      "GET /payers": json(200, { items: [payer("pay_1", "Ann Example", true), payer("pay_2", "Acme", false)] }),
    });
    await hasPart(two.element, "payer");
    expect(find<HTMLSelectElement>(two.element, '[part~="payer"]')!.value).toBe("pay_1");
  });

  it("is hidden from a user without documents or finance, who asks nothing", async () => {
    const { element, api } = await mount("cab-statement-request", routes, { who: me({ support: ["view"] }) });
    await hasPart(element, "forbidden");
    expect(api.callsTo("GET /payers")).toHaveLength(0);
  });

  it("tells a user limited to some services that statements are the whole account's", async () => {
    const limited = me({ documents: ["view"] });
    limited.user.serviceScope = ["svc_1"];
    const { element } = await mount("cab-statement-request", { "GET /payers": apiError(403, "CAB_ERR_FORBIDDEN", "No") }, { who: limited });
    await hasPart(element, "not-allowed");
    expect(find(element, '[part~="form"]')).toBeNull();
  });

  it("says a period ending before it starts without asking the server", async () => {
    const { element, api } = await mount("cab-statement-request", routes);
    await hasPart(element, "form");
    setDate(element, "from", "2026-01-31");
    setDate(element, "to", "2026-01-01");
    submit(element, '[part~="form"]');
    await shows(element, "Choose both days, the first on or before the last.");
    expect(api.callsTo("POST /documents/reconciliation")).toHaveLength(0);
  });

  it("says the server's refusal of too long a period next to the form", async () => {
    const { element } = await mount("cab-statement-request", {
      ...routes,
      "POST /documents/reconciliation": apiError(422, "CAB_ERR_UNPROCESSABLE", "Too long", { reason: "the period is too long", maxDays: 366 }),
    });
    await hasPart(element, "form");
    setDate(element, "from", "2020-01-01");
    setDate(element, "to", "2026-01-01");
    submit(element, '[part~="form"]');
    await shows(element, "A statement covers at most 366 days. Choose a shorter period.");
    expect(find(element, '[part~="error"]')!.getAttribute("role")).toBe("alert");
    expect(find(element, '[part~="progress"]')).toBeNull();
  });

  it("issues the statement for the period, tells the page, and says where it is", async () => {
    const { element, api } = await mount("cab-statement-request", { ...routes, "POST /documents/reconciliation": json(201, statement) });
    await hasPart(element, "form");
    const heard: unknown[] = [];
    element.addEventListener("cab-document-issued", (e) => heard.push((e as CustomEvent).detail.document.id));
    setDate(element, "from", "2026-01-01");
    setDate(element, "to", "2026-01-31");
    submit(element, '[part~="form"]');
    await hasPart(element, "progress");
    expect(textOf(element)).toContain("This site prints no PDFs");
    expect(heard).toEqual(["doc_1"]);
    expect(JSON.parse(String(api.callsTo("POST /documents/reconciliation")[0].init.body))).toEqual({ from: "2026-01-01", to: "2026-01-31", locale: "en" });
  });
});
