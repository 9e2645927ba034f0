import type { Context } from "koa";
import type { RegistrationResponseJSON, AuthenticationResponseJSON } from "@simplewebauthn/server";
import { defineRoute } from "../../http/route.js";
import { Obj, Type } from "../../http/schema.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { RequestContext } from "../../http/request-context.js";
import type { Brand } from "../brands/index.js";
import {
  PasskeyInfo,
  PasskeyList,
  PasskeyOptions,
  PasskeyRegisterBody,
  PasskeyRenameBody,
  PasskeySignInBody,
  PasskeySignInOptionsBody,
  ReauthBody,
  SignedIn,
} from "./accounts.schemas.js";
import { webAuthnParty } from "./webauthn-party.js";
import { StartPasskeyRegistration } from "./start-passkey-registration.js";
import { FinishPasskeyRegistration } from "./finish-passkey-registration.js";
import { StartPasskeySignIn } from "./start-passkey-sign-in.js";
import { FinishPasskeySignIn } from "./finish-passkey-sign-in.js";
import { ListPasskeys } from "./list-passkeys.js";
import { RenamePasskey } from "./rename-passkey.js";
import { RemovePasskey } from "./remove-passkey.js";
import { GetMe } from "./get-me.js";
import { respondSignedIn } from "./respond-signed-in.js";

const party = (ctx: Context, brand: Brand, config: CabinetConfig) => webAuthnParty(brand, config.http.publicUrl!, ctx.get("origin") || undefined);
const PasskeyId = Obj({ id: Type.String({ pattern: "^pky_[0-9a-z]{10,40}$", maxLength: 64 }) });

/** Passkeys (WebAuthn): adding, naming and removing them, and signing in with one. */
export const passkeyRoutes = [
  defineRoute({
    method: "get",
    path: "/me/passkeys",
    operationId: "listPasskeys",
    summary: "The signed-in user's passkeys",
    tags: ["settings"],
    auth: "user",
    exemptFromGuards: ["two-factor-setup"],
    response: PasskeyList,
    handler: async ({ auth, scope }) => ({ items: await scope.resolve(ListPasskeys).execute(auth) }),
  }),
  defineRoute({
    method: "post",
    path: "/me/passkeys/registration-options",
    operationId: "startPasskeyRegistration",
    summary: "Start adding a passkey (re-authentication): options for the browser and a ceremony token",
    tags: ["settings"],
    auth: "user",
    body: ReauthBody,
    response: PasskeyOptions,
    handler: ({ auth, brand, body, scope, ctx }) =>
      scope
        .resolve(StartPasskeyRegistration)
        .execute(auth, party(ctx, brand, scope.resolve(TOKENS.Config)), scope.resolve<RequestContext>(TOKENS.RequestContext).ip, body) as never,
  }),
  defineRoute({
    method: "post",
    path: "/me/passkeys",
    operationId: "registerPasskey",
    summary: "Finish adding a passkey with the browser's answer",
    tags: ["settings"],
    auth: "user",
    body: PasskeyRegisterBody,
    response: PasskeyInfo,
    status: 201,
    async handler({ auth, brand, body, scope, ctx }) {
      const passkey = await scope.resolve(FinishPasskeyRegistration).execute(auth, party(ctx, brand, scope.resolve(TOKENS.Config)), {
        ...body,
        response: body.response as unknown as RegistrationResponseJSON,
      });
      return { id: passkey.id, name: passkey.name, createdAt: new Date(passkey.createdAt).toISOString(), lastUsedAt: null };
    },
  }),
  defineRoute({
    method: "patch",
    path: "/me/passkeys/:id",
    operationId: "renamePasskey",
    summary: "Rename one of the user's passkeys",
    tags: ["settings"],
    auth: "user",
    params: PasskeyId,
    body: PasskeyRenameBody,
    response: null,
    async handler({ auth, params, body, scope }) {
      await scope.resolve(RenamePasskey).execute(auth, params.id, body.name);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/me/passkeys/:id",
    operationId: "removePasskey",
    summary: "Remove one of the user's passkeys",
    description: "A user with no password and no external identity keeps their last passkey (409 CAB_ERR_LAST_SIGN_IN_METHOD).",
    tags: ["settings"],
    auth: "user",
    params: PasskeyId,
    response: null,
    async handler({ auth, params, scope }) {
      await scope.resolve(RemovePasskey).execute(auth, params.id);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/passkey/options",
    operationId: "startPasskeySignIn",
    summary: "Start signing in with a passkey (first factor, or the second with `secondFactorChallenge`)",
    tags: ["auth"],
    auth: "public",
    body: PasskeySignInOptionsBody,
    response: PasskeyOptions,
    handler: ({ brand, body, scope, ctx }) =>
      scope
        .resolve(StartPasskeySignIn)
        .execute(brand, party(ctx, brand, scope.resolve(TOKENS.Config)), {
          mode: body.mode ?? "cookie",
          secondFactorChallenge: body.secondFactorChallenge,
        }) as never,
  }),
  defineRoute({
    method: "post",
    path: "/auth/passkey",
    operationId: "signInWithPasskey",
    summary: "Finish signing in with a passkey: the browser's assertion",
    description: "Tries are limited per ceremony and IP (429). A wrong or replayed assertion answers 401 `CAB_ERR_PASSKEY_INVALID`.",
    tags: ["auth"],
    auth: "public",
    body: PasskeySignInBody,
    response: SignedIn,
    async handler({ brand, body, scope, ctx }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      const config = scope.resolve<CabinetConfig>(TOKENS.Config);
      const { user, session, mode } = await scope.resolve(FinishPasskeySignIn).execute(brand, party(ctx, brand, config), {
        ceremony: body.ceremony,
        response: body.response as unknown as AuthenticationResponseJSON,
        ip: request.ip,
        userAgent: request.userAgent,
      });
      const { account } = await scope.resolve(GetMe).execute({ userId: user.id, accountId: user.accountId });
      return respondSignedIn(ctx, config, brand, mode, user, account, session);
    },
  }),
];
