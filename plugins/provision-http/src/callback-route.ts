import { CabinetError, defineRoute, Enum, Id, Obj, TOKENS, Type, type AnyRoute, type ProvisioningReports } from "@cabinet/core";
import type { PendingActions } from "./pending-actions.js";
import { verify } from "./signature.js";

const CallbackBody = Obj({
  serviceId: Id("svc"),
  action: Enum(["create", "suspend", "resume", "change", "delete"]),
  status: Enum(["done", "failed"]),
  data: Type.Optional(
    Type.Record(Type.String({ pattern: "^[A-Za-z][A-Za-z0-9_]{0,63}$" }), Type.Unknown(), {
      maxProperties: 50,
      additionalProperties: false,
      description: "With done: what was set up (an IP address…)",
    }),
  ),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: "With failed: why, in words the client may see" })),
});

/**
 * The provider's callback, for an action it answered with 202: signed like our requests (with
 * `callbackSecret`, else `secret`) over the exact body, within five minutes of now
 * so an old message cannot be replayed. Only an action the provider accepted with 202 may be
 * reported on (another answers 404). The outcome goes to the core, which ignores a repeat and
 * a report for an action it no longer awaits.
 */
export function callbackRoute(secret: string, nowSeconds: () => number, pending: PendingActions): AnyRoute {
  return defineRoute({
    method: "post",
    path: "/callback",
    operationId: "receiveProvisioningCallback",
    summary: "A provisioning provider reports the outcome of an action it accepted with 202",
    description:
      'Signed: `X-Cabinet-Timestamp` (unix seconds) and `X-Cabinet-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. ' +
      "A bad signature or a timestamp more than 5 minutes off answers 401 CAB_ERR_UNAUTHENTICATED. `reason` is required with `failed`. " +
      "An action the provider did not accept with 202 answers 404.",
    tags: ["provisioning"],
    auth: "public",
    brandless: true,
    body: CallbackBody,
    response: Obj({ received: Type.Literal(true) }),
    handler: async ({ body, ctx, scope }) => {
      const rawBody = (ctx.request as { rawBody?: string }).rawBody ?? "";
      const check = verify({ timestamp: ctx.get("x-cabinet-timestamp"), signature: ctx.get("x-cabinet-signature") }, rawBody, secret, nowSeconds());
      if (!check.valid) throw new CabinetError("CAB_ERR_UNAUTHENTICATED", { reason: check.reason }, "The callback's signature does not verify.");
      if (body.status === "failed" && !body.reason) {
        throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/reason", message: "is required when status is failed" }] });
      }
      if (!(await pending.wasAccepted(body.serviceId, body.action))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "accepted action" });
      await scope.resolve<ProvisioningReports>(TOKENS.ProvisioningReports).report({
        serviceId: body.serviceId,
        action: body.action,
        outcome: body.status === "done" ? { status: "done", ...(body.data ? { data: body.data } : {}) } : { status: "failed", reason: body.reason! },
      });
      return { received: true as const };
    },
  });
}
