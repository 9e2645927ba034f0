import { defineRoute } from "../../http/route.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { RequestContext } from "../../http/request-context.js";
import { describeStaffMe, GetStaffMe } from "./get-staff-me.js";
import { SignInStaff } from "./sign-in-staff.js";
import { SignOutStaff } from "./sign-out-staff.js";
import { StaffMe, StaffSignedIn, StaffSignInBody } from "./staff.schemas.js";

export const staffAuthRoutes = [
  defineRoute({
    method: "post",
    path: "/staff/auth/sign-in",
    operationId: "staffSignIn",
    summary: "Sign a staff member in; answers a bearer token",
    description:
      "For the provider's own people, in the brand of the request. An unknown e-mail and a wrong password answer the same 401; rate limited like clients' sign-in (429). The token works on /staff routes only, for 12 hours; a client's session never works there.",
    tags: ["staff"],
    auth: "public",
    body: StaffSignInBody,
    response: StaffSignedIn,
    async handler({ body, brand, scope }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      const { member, token, expiresAt } = await scope.resolve(SignInStaff).execute({ ...body, brand, ip: request.ip, userAgent: request.userAgent });
      return { ...describeStaffMe(member, brand, { expiresAt }), token };
    },
  }),
  defineRoute({
    method: "post",
    path: "/staff/auth/sign-out",
    operationId: "staffSignOut",
    summary: "End the staff member's session",
    tags: ["staff"],
    auth: "staff",
    response: null,
    handler: ({ auth, scope }) => scope.resolve(SignOutStaff).execute(auth),
  }),
  defineRoute({
    method: "get",
    path: "/staff/me",
    operationId: "getStaffMe",
    summary: "The signed-in staff member and their brand",
    tags: ["staff"],
    auth: "staff",
    response: StaffMe,
    async handler({ auth, brand, scope }) {
      return describeStaffMe(await scope.resolve(GetStaffMe).execute(auth), brand, auth);
    },
  }),
];
