import { expect, test } from "vitest";
import "./cab-contract.js";

test("smoke", async () => {
  const el = document.createElement("cab-contract");
  document.body.append(el);
  await el.updateComplete;
  expect(el.shadowRoot).not.toBeNull();
});
