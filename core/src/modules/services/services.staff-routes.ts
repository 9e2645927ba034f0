import { defineRoute } from "../../http/route.js";
import { RetryProvisioningForStaff } from "./retry-provisioning-for-staff.js";
import { ServiceIdParams, ServiceView } from "./services.schemas.js";

export const staffServiceRoutes = [
  defineRoute({
    method: "post",
    path: "/staff/services/:id/retry-provisioning",
    operationId: "staffRetryProvisioning",
    summary: "Try a failed or stuck service's provisioning again",
    description:
      "From `provisioning_failed` back to `provisioning`, with a new create call. The order's charge, refunded when it failed, is charged again first " +
      "(402 CAB_ERR_INSUFFICIENT_FUNDS when the client's balance is short). From `provisioning` too once its create call was asked for longer than " +
      "`recovery.provisioningAfterMs` ago (a lost job): a new create call, not charged again. 409 CAB_ERR_ILLEGAL_TRANSITION from any other status, or sooner.",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin", "support"],
    params: ServiceIdParams,
    response: ServiceView,
    handler: ({ auth, params, scope }) => scope.resolve(RetryProvisioningForStaff).execute(auth, params.id),
  }),
];
