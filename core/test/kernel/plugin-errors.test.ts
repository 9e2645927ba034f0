import { afterEach, describe, expect, it } from "vitest";
import { definePlugin, definePluginErrors, defineRoute, Obj, Type } from "../../src/index.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

describe("plugin-defined error codes", () => {
  let t: TestCabinet | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("answer in the one error shape with the plugin's code, status and message", async () => {
    const errors = definePluginErrors("payment-acme", { CARD_EXPIRED: { status: 422, message: "The card has expired" } });
    expect(errors.codes.CARD_EXPIRED).toBe("PLG_ERR_PAYMENT_ACME_CARD_EXPIRED");
    const acme = definePlugin({
      name: "payment-acme",
      version: "1.0.0",
      coreRange: "^0.1.0",
      register() {},
      routes: () => [
        defineRoute({
          method: "post",
          path: "/charge",
          operationId: "acmeCharge",
          summary: "Charge",
          tags: ["acme"],
          auth: "public",
          brandless: true,
          body: Obj({ card: Type.String({ maxLength: 20 }) }),
          response: Obj({ ok: Type.Boolean() }),
          async handler({ body }) {
            throw errors.create("CARD_EXPIRED", { card: body.card });
          },
        }),
      ],
    });
    t = await startTestCabinet({ plugins: [acme], config: { plugins: [{ name: "payment-acme" }] } as never, seed: false });
    const response = await t.request("POST", "/api/v1/plugins/payment-acme/charge", { body: { card: "4000" } });
    expect(response.body).toMatchObject({ error: { code: "PLG_ERR_PAYMENT_ACME_CARD_EXPIRED" } });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error: { code: "PLG_ERR_PAYMENT_ACME_CARD_EXPIRED", message: "The card has expired", details: { card: "4000" } } });
  });

  it("refuse a bad name or a status that is not an error's, when defined", () => {
    expect(() => definePluginErrors("acme", { "card-expired": { status: 422, message: "x" } })).toThrow(/UPPER_SNAKE_CASE/);
    expect(() => definePluginErrors("acme", { CARD_EXPIRED: { status: 200, message: "x" } })).toThrow(/4xx or 5xx/);
    expect(() => definePluginErrors("Acme Pay", { CARD_EXPIRED: { status: 422, message: "x" } })).toThrow(/not a plugin name/);
  });
});
