import { defineRoute } from "../../http/route.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { RequestContext } from "../../http/request-context.js";
import { CodeBody, ReauthBody, RecoveryCodes, TwoFactorSetup, TwoFactorStatus } from "./accounts.schemas.js";
import { GetTwoFactorStatus } from "./get-two-factor-status.js";
import { StartTwoFactorSetup } from "./start-two-factor-setup.js";
import { ConfirmTwoFactor } from "./confirm-two-factor.js";
import { DisableTwoFactor } from "./disable-two-factor.js";
import { RegenerateRecoveryCodes } from "./regenerate-recovery-codes.js";

const ipOf = (scope: { resolve<T>(token: symbol): T }) => scope.resolve<RequestContext>(TOKENS.RequestContext).ip;

/** TOTP two-factor authentication of the signed-in user, and their recovery codes. */
export const twoFactorRoutes = [
  defineRoute({
    method: "get",
    path: "/me/two-factor",
    operationId: "getTwoFactor",
    summary: "Whether two-factor authentication is on (and required by the brand), and the recovery codes left",
    tags: ["settings"],
    auth: "user",
    exemptFromGuards: ["two-factor-setup"],
    response: TwoFactorStatus,
    handler: ({ auth, brand, scope }) => scope.resolve(GetTwoFactorStatus).execute(auth.userId, brand),
  }),
  defineRoute({
    method: "post",
    path: "/me/two-factor/setup",
    operationId: "startTwoFactorSetup",
    summary: "Start turning TOTP on (re-authentication): a secret and its QR code, drawn by the core",
    tags: ["settings"],
    auth: "user",
    exemptFromGuards: ["two-factor-setup"],
    body: ReauthBody,
    response: TwoFactorSetup,
    handler: ({ auth, brand, body, scope }) => scope.resolve(StartTwoFactorSetup).execute(auth, brand, ipOf(scope), body),
  }),
  defineRoute({
    method: "post",
    path: "/me/two-factor/confirm",
    operationId: "confirmTwoFactor",
    summary: "Turn TOTP on with a code from the app; answers the ten recovery codes, shown this once",
    tags: ["settings"],
    auth: "user",
    exemptFromGuards: ["two-factor-setup"],
    body: CodeBody,
    response: RecoveryCodes,
    handler: ({ auth, body, scope }) => scope.resolve(ConfirmTwoFactor).execute(auth, ipOf(scope), body.code),
  }),
  defineRoute({
    method: "post",
    path: "/me/two-factor/disable",
    operationId: "disableTwoFactor",
    summary: "Turn TOTP off (re-authentication: password and a code)",
    tags: ["settings"],
    auth: "user",
    body: ReauthBody,
    response: null,
    async handler({ auth, brand, body, scope }) {
      await scope.resolve(DisableTwoFactor).execute(auth, brand, ipOf(scope), body);
    },
  }),
  defineRoute({
    method: "post",
    path: "/me/two-factor/recovery-codes",
    operationId: "regenerateRecoveryCodes",
    summary: "Ten new recovery codes (re-authentication); the earlier ones stop working",
    tags: ["settings"],
    auth: "user",
    body: ReauthBody,
    response: RecoveryCodes,
    handler: ({ auth, body, scope }) => scope.resolve(RegenerateRecoveryCodes).execute(auth, ipOf(scope), body),
  }),
];
