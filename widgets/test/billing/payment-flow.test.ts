import { describe, expect, it } from "vitest";
import { nextStep, returnUrl } from "../../src/billing/payment-flow.js";
import type { NextAction, Payment } from "../../src/runtime/api-types.js";

/** A pending payment with this next step (its gateway's reference filled in). */
type Step = { kind: "redirect"; url: string } | { kind: "instructions"; text: string; details: Record<string, string> } | NextAction;
const pending = (nextAction: Step | null, status: Payment["status"] = "pending") =>
  ({ id: "pay_1", status, nextAction: nextAction && { gatewayReference: "ref_1", ...nextAction } }) as unknown as Payment;

describe("returnUrl", () => {
  it("is this page without its query (the gateway adds ?payment=), keeping the fragment", () => {
    expect(returnUrl("https://provider.example/billing.html?payment=pay_old&utm=x")).toBe("https://provider.example/billing.html");
    expect(returnUrl("https://provider.example/app/#/billing?tab=2")).toBe("https://provider.example/app/#/billing?tab=2");
    expect(returnUrl("http://localhost:8080/")).toBe("http://localhost:8080/");
  });
});

describe("nextStep", () => {
  it("follows a redirect to a web page only", () => {
    expect(nextStep(pending({ kind: "redirect", url: "https://pay.example/c/1" }))).toEqual({ kind: "redirect", url: "https://pay.example/c/1" });
    expect(nextStep(pending({ kind: "redirect", url: "javascript:alert(1)" }))).toEqual({ kind: "unsupported" });
    expect(nextStep(pending({ kind: "redirect", url: "not a url" }))).toEqual({ kind: "unsupported" });
  });

  it("shows instructions, and cannot draw a gateway's own card form", () => {
    expect(nextStep(pending({ kind: "instructions", text: "Transfer", details: { IBAN: "NL91" } }))).toEqual({
      kind: "instructions",
      text: "Transfer",
      details: { IBAN: "NL91" },
    });
    // The core no longer offers a client-secret flow; an action the widgets do not know is still not acted on.
    expect(nextStep(pending({ kind: "client_secret", clientSecret: "cs_1" } as unknown as NextAction))).toEqual({ kind: "unsupported" });
  });

  it("has nothing to do for a settled payment or no action", () => {
    expect(nextStep(pending(null))).toEqual({ kind: "none" });
    expect(nextStep(pending({ kind: "redirect", url: "https://pay.example/c/1" }, "succeeded"))).toEqual({ kind: "none" });
  });
});
