import { defineRoute } from "../../http/route.js";
import { clearSessionCookie, setSessionCookie } from "../../http/session-cookie.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { RequestContext } from "../../http/request-context.js";
import { Me, SessionState, SignedIn, SignInBody, SignUpBody } from "./accounts.schemas.js";
import { describeMe, GetMe } from "./get-me.js";
import { SignIn } from "./sign-in.js";
import { SignOut } from "./sign-out.js";
import { SignUp } from "./sign-up.js";
import type { Account, User } from "./account.repository.js";
import type { CreatedSession } from "./create-session.js";
import type { Brand } from "../brands/index.js";
import type { Context } from "koa";

function respondSignedIn(ctx: Context, config: CabinetConfig, brand: Brand, mode: "cookie" | "bearer", user: User, account: Account, session: CreatedSession) {
  if (mode === "cookie") setSessionCookie(ctx, config, session.token, session.expiresAt);
  return {
    ...describeMe(user, account, brand, { csrfToken: session.csrfToken, expiresAt: session.expiresAt, via: mode }),
    token: mode === "bearer" ? session.token : null,
  };
}

export const accountRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/sign-up",
    operationId: "signUp",
    summary: "Create an account and sign its owner in",
    tags: ["auth"],
    auth: "public",
    body: SignUpBody,
    response: SignedIn,
    status: 201,
    async handler({ body, brand, scope, ctx }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      const { user, account, session } = await scope.resolve(SignUp).execute({ ...body, brand, ip: request.ip, userAgent: request.userAgent });
      return respondSignedIn(ctx, scope.resolve(TOKENS.Config), brand, body.mode ?? "cookie", user, account, session);
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
      const { user, session } = await scope.resolve(SignIn).execute({ ...body, brand, ip: request.ip, userAgent: request.userAgent });
      const { account } = await scope.resolve(GetMe).execute({ userId: user.id, accountId: user.accountId });
      return respondSignedIn(ctx, scope.resolve(TOKENS.Config), brand, body.mode ?? "cookie", user, account, session);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/sign-out",
    operationId: "signOut",
    summary: "End the current session",
    tags: ["auth"],
    auth: "user",
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
    response: Me,
    async handler({ auth, brand, scope }) {
      const { user, account } = await scope.resolve(GetMe).execute(auth);
      return describeMe(user, account, brand, auth);
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
    response: SessionState,
    async handler({ auth, brand, scope }) {
      if (!auth) return { signedIn: false, me: null };
      const { user, account } = await scope.resolve(GetMe).execute(auth);
      return { signedIn: true, me: describeMe(user, account, brand, auth) };
    },
  }),
];
