import { describe, expect, it } from "vitest";
import { fillTemplate, hrefFromTemplate } from "../src/runtime/link-template.js";

describe("fillTemplate", () => {
  it("puts the id, URL-encoded, wherever {id} stands", () => {
    expect(fillTemplate("/services.html?service={id}", "svc_01")).toBe("/services.html?service=svc_01");
    expect(fillTemplate("#/s/{id}/{id}", "a b")).toBe("#/s/a%20b/a%20b");
    expect(fillTemplate("/billing.html#invoices", "inv_1")).toBe("/billing.html#invoices");
  });
});

describe("hrefFromTemplate", () => {
  const base = "https://northwind.example/support.html";

  it("makes a link from the page's template, the id encoded", () => {
    expect(hrefFromTemplate("/support.html?ticket={id}", "tkt_1", base)).toBe("https://northwind.example/support.html?ticket=tkt_1");
    expect(hrefFromTemplate("#/tickets/{id}/{id}", "a b", base)).toBe("https://northwind.example/support.html#/tickets/a%20b/a%20b");
    expect(hrefFromTemplate(null, "tkt_1", base)).toBeNull();
    expect(hrefFromTemplate("  ", "tkt_1", base)).toBeNull();
  });
});
