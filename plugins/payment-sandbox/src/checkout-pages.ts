import { formatMoney, type PageMiddleware } from "@cabinet/core";
import type { Checkout, CheckoutStore } from "./checkout-store.js";
import type { SandboxGateway } from "./sandbox-gateway.js";
import { outcomeOf, testCards } from "./test-cards.js";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function money(checkout: Checkout): string {
  return formatMoney({ amount: checkout.amount, currency: checkout.currency }, "en");
}

/** The return address with the payment id, so the client area knows which payment to check. */
function backTo(url: string, paymentId: string): string {
  const target = new URL(url);
  target.searchParams.set("payment", paymentId);
  return target.toString();
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Sandbox checkout</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; background: #f3f4f6; color: #111827; margin: 0; padding: .75rem; box-sizing: border-box; display: grid; place-items: center; min-height: 100vh; }
  main { box-sizing: border-box; background: #fff; border-radius: 12px; box-shadow: 0 4px 24px rgb(0 0 0 / 8%); padding: clamp(1.25rem, 5vw, 2rem); width: 100%; max-width: 420px; overflow-wrap: anywhere; }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; } .amount { font-size: 2rem; font-weight: 700; margin: .5rem 0 1rem; }
  label { display: block; font-weight: 600; margin: .75rem 0 .25rem; } input { width: 100%; box-sizing: border-box; padding: .6rem; font: inherit; border: 1px solid #9ca3af; border-radius: 6px; }
  button, .button { display: inline-block; margin-top: 1rem; padding: .7rem 1.2rem; font: inherit; font-weight: 600; border: 0; border-radius: 6px; background: #4f46e5; color: #fff; cursor: pointer; text-decoration: none; }
  .secondary { background: #e5e7eb; color: #111827; } .error { color: #b91c1c; font-weight: 600; } .note { color: #4b5563; font-size: .875rem; }
  code { background: #f3f4f6; padding: 0 .25rem; border-radius: 4px; }
</style></head><body><main>${body}</main></body></html>`;
}

function cardForm(checkout: Checkout, base: string, error?: string): string {
  const cards = Object.entries(testCards)
    .map(([number, card]) => `<li><code>${number.replace(/(\d{4})(?=\d)/g, "$1 ")}</code> — ${escape(card.label)}</li>`)
    .join("");
  return page(
    "Pay",
    `<h1>Sandbox checkout</h1><p class="note">${escape(checkout.description)}</p><p class="amount">${escape(money(checkout))}</p>
     ${error ? `<p class="error" role="alert">${escape(error)}</p>` : ""}
     <form method="post" action="${escape(base)}/pay">
       <label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" required>
       <label for="expiry">Expiry (MM/YY)</label><input id="expiry" name="expiry" autocomplete="cc-exp" required value="12/34">
       <label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required value="123">
       <button type="submit">Pay ${escape(money(checkout))}</button>
       <a class="button secondary" href="${escape(base)}/cancel">Cancel</a>
     </form>
     <p class="note">This is a test gateway: no money moves. Test cards:</p><ul class="note">${cards}</ul>`,
  );
}

function confirmation(checkout: Checkout, base: string): string {
  return page(
    "Confirm",
    `<h1>Confirm this payment</h1><p>Your bank asks you to confirm a payment of <strong>${escape(money(checkout))}</strong>.</p>
     <form method="post" action="${escape(base)}/confirm"><button type="submit" name="answer" value="confirm">Confirm payment</button>
     <button type="submit" name="answer" value="reject" class="secondary">Reject</button></form>`,
  );
}

function closed(checkout: Checkout): string {
  return page(
    "Closed",
    `<h1>This checkout is closed</h1><p>It was ${escape(checkout.status.replace("_", " "))}.</p><a class="button" href="${escape(backTo(checkout.returnUrl, checkout.paymentId))}">Back to the shop</a>`,
  );
}

async function readForm(req: NodeJS.ReadableStream): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of req) {
    text += chunk.toString();
    if (text.length > 10_000) break; // a card form is a few dozen bytes
  }
  return new URLSearchParams(text);
}

/**
 * The hosted checkout, mounted under /plugins/payment-sandbox: GET shows the card form,
 * POST …/pay takes a test card, POST …/confirm answers the confirmation step, GET …/cancel
 * goes back. Every finished checkout is reported to the core by a signed webhook *before* the
 * browser is sent back, so the client area finds the payment settled.
 */
export function checkoutPages(store: CheckoutStore, gateway: SandboxGateway): PageMiddleware {
  return async (ctx, next) => {
    const match = /^\/checkout\/(sbx_[0-9a-z]{10,40})(?:\/(pay|confirm|cancel))?$/.exec(ctx.path);
    if (!match) return next();
    const checkout = await store.find(match[1]);
    if (!checkout) return next();
    const action = match[2];
    // The checkout's own address as the browser sees it (the core may be mounted under a
    // path of the provider's app): every link and form points at it absolutely.
    const base = ctx.originalUrl.split("?")[0].replace(/\/(pay|confirm|cancel)$/, "");
    ctx.set("Cache-Control", "no-store");
    // A form's redirect is held to form-action too: the return to the provider's page (another
    // origin than this checkout's, and than publicUrl) must be listed, or the browser stops
    // after "Pay" with the money already credited. Its origin was checked against the brand's
    // allowed origins when the payment started.
    const returnOrigins = [...new Set([checkout.returnUrl, checkout.cancelUrl].map((url) => new URL(url).origin))].join(" ");
    ctx.set("Content-Security-Policy", `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${returnOrigins}; frame-ancestors 'none'`);
    ctx.type = "html";

    if (!action && ctx.method === "GET") {
      ctx.body =
        checkout.status === "open" ? cardForm(checkout, base) : checkout.status === "awaiting_confirmation" ? confirmation(checkout, base) : closed(checkout);
      return;
    }
    if (action === "cancel" && ctx.method === "GET") {
      ctx.redirect(backTo(checkout.cancelUrl, checkout.paymentId));
      return;
    }
    if (action === "pay" && ctx.method === "POST") {
      if (checkout.status !== "open") return void (ctx.body = closed(checkout));
      const outcome = outcomeOf((await readForm(ctx.req)).get("card") ?? "");
      if (!outcome) {
        ctx.status = 422;
        ctx.body = cardForm(checkout, base, "Use one of the test cards below.");
        return;
      }
      if (outcome === "confirm") {
        await store.move(checkout.id, ["open"], "awaiting_confirmation");
        ctx.redirect(base);
        return;
      }
      return finish(ctx, checkout, outcome === "succeeds" ? "succeeded" : "declined");
    }
    if (action === "confirm" && ctx.method === "POST") {
      if (checkout.status !== "awaiting_confirmation") return void (ctx.body = closed(checkout));
      const answer = (await readForm(ctx.req)).get("answer");
      return finish(ctx, checkout, answer === "confirm" ? "succeeded" : "declined");
    }
    return next();
  };

  async function finish(ctx: Parameters<PageMiddleware>[0], checkout: Checkout, to: "succeeded" | "declined") {
    if (await store.move(checkout.id, ["open", "awaiting_confirmation"], to)) {
      await gateway.notify(checkout, to === "succeeded" ? "checkout.succeeded" : "checkout.declined");
    }
    ctx.redirect(backTo(checkout.returnUrl, checkout.paymentId));
  }
}
