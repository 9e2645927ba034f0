import { defineRoute } from "../../http/route.js";
import { Obj, Type } from "../../http/schema.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { RequestContext } from "../../http/request-context.js";
import {
  Accepted,
  EmailChangeBody,
  Ended,
  Me,
  PageBody,
  PasswordChangeBody,
  ProfilePatch,
  ResetConfirmBody,
  ResetRequestBody,
  SessionList,
  TokenBody,
} from "./accounts.schemas.js";
import { describeMe, GetMe } from "./get-me.js";
import { UpdateProfile } from "./update-profile.js";
import { ChangePassword } from "./change-password.js";
import { RequestPasswordReset } from "./request-password-reset.js";
import { ResetPassword } from "./reset-password.js";
import { RequestEmailChange } from "./request-email-change.js";
import { ConfirmEmailChange } from "./confirm-email-change.js";
import { VerifyEmail } from "./verify-email.js";
import { SendEmailVerification } from "./send-email-verification.js";
import { ListSessions } from "./list-sessions.js";
import { EndSession } from "./end-session.js";
import { EndOtherSessions } from "./end-other-sessions.js";

const ipOf = (scope: { resolve<T>(token: symbol): T }) => scope.resolve<RequestContext>(TOKENS.RequestContext).ip;

/** The settings section: profile, password, e-mail, reset, verification, sessions. */
export const accountSettingsRoutes = [
  defineRoute({
    method: "patch",
    path: "/me",
    operationId: "updateMe",
    summary: "Change the signed-in user's profile (and, for the owner, the account's language)",
    tags: ["settings"],
    auth: "user",
    body: ProfilePatch,
    response: Me,
    async handler({ auth, brand, body, scope }) {
      await scope.resolve(UpdateProfile).execute(auth, body);
      const { user, account } = await scope.resolve(GetMe).execute(auth);
      return describeMe(user, account, brand, auth, (await scope.resolve(GetMe).execute(auth)).access);
    },
  }),
  defineRoute({
    method: "post",
    path: "/me/password",
    exemptFromGuards: ["password-change"],
    operationId: "changePassword",
    summary: "Change the password (re-authentication); every other session ends",
    tags: ["settings"],
    auth: "user",
    body: PasswordChangeBody,
    response: Ended,
    async handler({ auth, body, scope }) {
      const { endedSessions } = await scope.resolve(ChangePassword).execute(auth, ipOf(scope), body);
      return { ended: endedSessions };
    },
  }),
  defineRoute({
    method: "post",
    path: "/me/email",
    operationId: "requestEmailChange",
    summary: "Change the sign-in e-mail (re-authentication): a confirmation link goes to the new address",
    description: "An address another user of the brand signs in with answers 409 `CAB_ERR_EMAIL_UNAVAILABLE`, naming nobody.",
    tags: ["settings"],
    auth: "user",
    body: EmailChangeBody,
    response: Accepted,
    status: 202,
    async handler({ auth, brand, body, scope }) {
      await scope.resolve(RequestEmailChange).execute(auth, brand, ipOf(scope), body);
      return { accepted: true as const };
    },
  }),
  defineRoute({
    method: "post",
    path: "/me/email/verification",
    operationId: "resendEmailVerification",
    summary: "Send the e-mail verification link again (the earlier one stops working)",
    tags: ["settings"],
    auth: "user",
    body: PageBody,
    response: null,
    async handler({ auth, brand, body, scope }) {
      const { user } = await scope.resolve(GetMe).execute(auth);
      await scope.resolve(SendEmailVerification).execute(user, brand, body.page);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/email-change/confirm",
    operationId: "confirmEmailChange",
    summary: "Open an e-mail change link: the new address becomes the sign-in e-mail",
    tags: ["auth"],
    auth: "public",
    body: TokenBody,
    response: null,
    async handler({ body, scope }) {
      await scope.resolve(ConfirmEmailChange).execute(body);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/verify-email",
    operationId: "verifyEmail",
    summary: "Open an e-mail verification link",
    tags: ["auth"],
    auth: "public",
    body: TokenBody,
    response: null,
    async handler({ body, scope }) {
      await scope.resolve(VerifyEmail).execute(body);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password-reset",
    operationId: "requestPasswordReset",
    summary: "E-mail a password-reset link (the same answer whether or not the e-mail is known)",
    description: "Rate limited per e-mail and per IP (429). The link works once, for 30 minutes; a newer one voids it.",
    tags: ["auth"],
    auth: "public",
    body: ResetRequestBody,
    response: Accepted,
    status: 202,
    async handler({ body, brand, scope }) {
      await scope.resolve(RequestPasswordReset).execute({ ...body, brand, ip: ipOf(scope) });
      return { accepted: true as const };
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password-reset/confirm",
    operationId: "resetPassword",
    summary: "Set a new password with a reset link's token; every session ends, nobody is signed in",
    tags: ["auth"],
    auth: "public",
    body: ResetConfirmBody,
    response: null,
    async handler({ body, scope }) {
      await scope.resolve(ResetPassword).execute({ ...body, ip: ipOf(scope) });
    },
  }),
  defineRoute({
    method: "get",
    path: "/me/sessions",
    operationId: "listSessions",
    summary: "The signed-in user's sessions (devices), the current one marked",
    tags: ["settings"],
    auth: "user",
    response: SessionList,
    async handler({ auth, scope }) {
      return { items: await scope.resolve(ListSessions).execute(auth) };
    },
  }),
  defineRoute({
    method: "delete",
    path: "/me/sessions/:id",
    operationId: "endSession",
    summary: "End one of the user's sessions (another user's answers 404)",
    tags: ["settings"],
    auth: "user",
    params: Obj({ id: Type.String({ pattern: "^ses_[0-9a-z]{10,40}$", maxLength: 64 }) }),
    response: null,
    async handler({ auth, params, scope }) {
      await scope.resolve(EndSession).execute(auth, params.id);
    },
  }),
  defineRoute({
    method: "post",
    path: "/me/sessions/end-others",
    operationId: "endOtherSessions",
    summary: "End every session of the user but the current one",
    tags: ["settings"],
    auth: "user",
    response: Ended,
    async handler({ auth, scope }) {
      return { ended: await scope.resolve(EndOtherSessions).execute(auth) };
    },
  }),
];
