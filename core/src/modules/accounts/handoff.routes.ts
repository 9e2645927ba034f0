import type { Context } from "koa";
import type { DependencyContainer } from "tsyringe";
import { defineRoute } from "../../http/route.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { RequestContext } from "../../http/request-context.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { BrandDirectory } from "../brands/index.js";
import { respondSignedIn } from "./respond-signed-in.js";
import { SignedIn } from "./accounts.schemas.js";
import { ApiKeyRepository } from "./api-key.repository.js";
import { CreateHandoffCode } from "./create-handoff-code.js";
import { EndCustomerSessions } from "./end-customer-sessions.js";
import { ExchangeHandoffCode } from "./exchange-handoff-code.js";
import { HandoffBody, HandoffCode, HandoffExchangeBody, HandoffSignOutAnswer, HandoffSignOutBody } from "./handoff.schemas.js";

/** The brand API key of a server-to-server call, and its brand: the key decides the brand, nothing in the request does. */
async function apiCaller(ctx: Context, scope: DependencyContainer) {
  const match = /^Bearer (\S{1,200})$/.exec(ctx.get("authorization"));
  if (!match) throw new CabinetError("CAB_ERR_API_KEY_INVALID");
  const key = await scope.resolve(ApiKeyRepository).verify(match[1], scope.resolve<Clock>(TOKENS.Clock).now());
  const brand = key && (await scope.resolve(BrandDirectory).byId(key.brandId));
  if (!key || !brand) throw new CabinetError("CAB_ERR_API_KEY_INVALID");
  return { key, brand };
}

export const handoffRoutes = [
  defineRoute({
    method: "post",
    path: "/handoff",
    operationId: "createHandoff",
    summary: "For the provider's backend: a one-time code that signs its customer in to the widgets",
    description:
      "Authenticated by a brand API key (`Authorization: Bearer cabk_…`, made with `cabinet api-key create`), never by a browser. The customer is found by `externalId`, else `email`; unknown, the account is created when the brand has `handoffCreatesAccounts` (else 404 CAB_ERR_HANDOFF_UNKNOWN_CUSTOMER). The code works once, within `handoff.codeTtlSeconds` (≤ 60 s), from the page `origin` only.",
    tags: ["handoff"],
    auth: "public",
    brandless: true,
    body: HandoffBody,
    response: HandoffCode,
    status: 201,
    async handler({ body, scope, ctx }) {
      const { key, brand } = await apiCaller(ctx, scope);
      const made = await scope.resolve(CreateHandoffCode).execute(key, brand, body);
      return { ...made, expiresAt: new Date(made.expiresAt).toISOString() };
    },
  }),
  defineRoute({
    method: "post",
    path: "/handoff/sign-out",
    operationId: "endHandoffSessions",
    summary: "For the provider's backend: end every Cabinet session of its customer",
    description: "Call it when the customer signs out of the provider's site. Authenticated by a brand API key; an unknown customer ends nothing.",
    tags: ["handoff"],
    auth: "public",
    brandless: true,
    body: HandoffSignOutBody,
    response: HandoffSignOutAnswer,
    async handler({ body, scope, ctx }) {
      const { brand } = await apiCaller(ctx, scope);
      return scope.resolve(EndCustomerSessions).execute(brand, body.customer);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/handoff",
    operationId: "exchangeHandoff",
    summary: "Exchange a hand-off code for a session",
    description:
      "What `<cab-config handoff>` calls, from the page the code was made for (its Origin must match). `mode: bearer` (the default here) answers a token the widgets keep in memory. A used, expired, foreign or misplaced code answers 401 CAB_ERR_HANDOFF_INVALID; a client with a second factor, 401 CAB_ERR_SECOND_FACTOR_REQUIRED.",
    tags: ["auth"],
    auth: "public",
    body: HandoffExchangeBody,
    response: SignedIn,
    async handler({ body, brand, scope, ctx }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      const { user, account, session } = await scope.resolve(ExchangeHandoffCode).execute({
        code: body.code,
        brand,
        origin: ctx.get("origin") || null,
        ip: request.ip,
        userAgent: request.userAgent,
        mode: body.mode ?? "bearer",
      });
      return respondSignedIn(ctx, scope.resolve(TOKENS.Config), brand, body.mode ?? "bearer", user, account, session);
    },
  }),
];
