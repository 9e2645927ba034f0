import { defineRoute } from "../../http/route.js";
import { clearSessionCookie } from "../../http/session-cookie.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { RequestContext } from "../../http/request-context.js";
import { Me, SecondFactorBody, SessionState, SignedIn, SignInBody, SignUpAccepted, SignUpBody } from "./accounts.schemas.js";
import { VerifySecondFactor } from "./verify-second-factor.js";
import { twoFactorRoutes } from "./two-factor.routes.js";
import { passkeyRoutes } from "./passkeys.routes.js";
import { respondSignedIn } from "./respond-signed-in.js";
import { describeMe, GetMe } from "./get-me.js";
import { SignIn } from "./sign-in.js";
import { SignOut } from "./sign-out.js";
import { SignUp } from "./sign-up.js";
import { accessRoutes } from "./access.routes.js";
import { accountSettingsRoutes } from "./account-settings.routes.js";

const signInRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/sign-up",
    operationId: "signUp",
    summary: "Create an account; its owner signs in next",
    description:
      'Answers 202 `{ status: "accepted", next: "sign_in" }` whether the e-mail was free (the account is created) or already has an account (nothing is created and ' +
      "that account's user is told by a security notification): the answer never tells which e-mails are clients. Sign in next with the same e-mail and password. " +
      "Rate limited per IP (429), taken e-mails counted too. The legal documents in force that the brand shows on its sign-up form (`showOnSignUp`) come with it in `consents`: " +
      "one that must be agreed to and is not accepted answers 422 CAB_ERR_CONSENT_MUST_AGREE (nothing is created); the decisions are recorded with the account.",
    tags: ["auth"],
    auth: "public",
    body: SignUpBody,
    response: SignUpAccepted,
    status: 202,
    async handler({ body, brand, scope }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      await scope.resolve(SignUp).execute({ ...body, brand, ip: request.ip, userAgent: request.userAgent });
      return { status: "accepted" as const, next: "sign_in" as const };
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/sign-in",
    operationId: "signIn",
    summary: "Sign in with e-mail and password",
    description: "An unknown e-mail and a wrong password answer the same 401. Rate limited per IP and per account (429).",
    tags: ["auth"],
    auth: "public",
    body: SignInBody,
    response: SignedIn,
    async handler({ body, brand, scope, ctx }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      const { user, session } = await scope
        .resolve(SignIn)
        .execute({ ...body, brand, ip: request.ip, userAgent: request.userAgent, mode: body.mode ?? "cookie" });
      const { account } = await scope.resolve(GetMe).execute({ userId: user.id, accountId: user.accountId });
      return respondSignedIn(ctx, scope.resolve(TOKENS.Config), brand, body.mode ?? "cookie", user, account, session);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/second-factor",
    operationId: "verifySecondFactor",
    summary: "Finish a sign-in with a second factor: the challenge and a TOTP or recovery code",
    description:
      "The first step (sign-in with a password, or an external provider) answered 401 `CAB_ERR_SECOND_FACTOR_REQUIRED` with `details.challenge`. A wrong code answers 401 `CAB_ERR_SECOND_FACTOR_INVALID` (try again); tries are limited per user and IP (429).",
    tags: ["auth"],
    auth: "public",
    body: SecondFactorBody,
    response: SignedIn,
    async handler({ body, brand, scope, ctx }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      const { user, session, mode } = await scope.resolve(VerifySecondFactor).execute({ ...body, brand, ip: request.ip, userAgent: request.userAgent });
      const { account } = await scope.resolve(GetMe).execute({ userId: user.id, accountId: user.accountId });
      return respondSignedIn(ctx, scope.resolve(TOKENS.Config), brand, mode, user, account, session);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/sign-out",
    operationId: "signOut",
    allowReadOnlyStaff: true,
    summary: "End the current session",
    tags: ["auth"],
    auth: "user",
    exemptFromGuards: true,
    response: null,
    async handler({ auth, scope, ctx }) {
      await scope.resolve(SignOut).execute(auth);
      clearSessionCookie(ctx, scope.resolve(TOKENS.Config));
    },
  }),
  defineRoute({
    method: "get",
    path: "/me",
    operationId: "getMe",
    summary: "The signed-in user, their account and brand",
    tags: ["auth"],
    auth: "user",
    exemptFromGuards: true,
    response: Me,
    async handler({ auth, brand, scope }) {
      const { user, account, access } = await scope.resolve(GetMe).execute(auth);
      return describeMe(user, account, brand, auth, access);
    },
  }),

  defineRoute({
    method: "get",
    path: "/auth/session",
    operationId: "getSession",
    summary: "Whether the caller is signed in, and as whom",
    description: "Like /me, but answers 200 with `signedIn: false` instead of 401: what a page asks on load, without an error in the browser console.",
    tags: ["auth"],
    auth: "optional",
    exemptFromGuards: true,
    response: SessionState,
    async handler({ auth, brand, scope }) {
      if (!auth) return { signedIn: false, me: null };
      const { user, account, access } = await scope.resolve(GetMe).execute(auth);
      return { signedIn: true, me: describeMe(user, account, brand, auth, access) };
    },
  }),
];

/** Every route of the accounts module: signing in and out, and the settings section. */
/** Signing in and out, /me, settings, second factors, passkeys, and (access.routes.ts) users, roles and the account switch. */
export const accountRoutes = [...signInRoutes, ...accountSettingsRoutes, ...twoFactorRoutes, ...passkeyRoutes, ...accessRoutes];
