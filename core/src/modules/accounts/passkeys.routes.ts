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
import { AcceptInvitationWithPasskeyBody, InvitationAccepted, InvitationPasskeyOptionsBody } from "./access.schemas.js";
import { AcceptInvitationWithPasskey, StartInvitationPasskey } from "./accept-invitation-with-passkey.js";
import { setSessionCookie } from "../../http/session-cookie.js";

const party = (ctx: Context, brand: Brand, config: CabinetConfig) => webAuthnParty(brand, config.http.publicUrl!, ctx.get("origin") || undefined);
const PasskeyId = Obj({ id: Type.String({ pattern: "^pky_[0-9a-z]{10,40}$", maxLength: 64 }) });

/** Passkeys (WebAuthn): adding, naming and removing them, signing in with one, and an invitee's new login made with one. */
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
      scope.resolve(StartPasskeySignIn).execute(brand, party(ctx, brand, scope.resolve(TOKENS.Config)), {
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
  defineRoute({
    method: "post",
    path: "/invitations/passkey/options",
    operationId: "startInvitationPasskey",
    summary: "Accept an invitation with a new login whose way in is a passkey: options for the browser and a ceremony token",
    description:
      "For an invitee without a login; the passkey is made out to the invited e-mail and `name`. 410 CAB_ERR_INVITATION_INVALID for an expired, used, revoked or unknown link, or one of another brand.",
    tags: ["users"],
    auth: "public",
    body: InvitationPasskeyOptionsBody,
    response: PasskeyOptions,
    handler: ({ brand, body, scope, ctx }) =>
      scope
        .resolve(StartInvitationPasskey)
        .execute(brand, party(ctx, brand, scope.resolve(TOKENS.Config)), { token: body.token, name: body.name, mode: body.mode ?? "cookie" }) as never,
  }),
  defineRoute({
    method: "post",
    path: "/invitations/passkey",
    operationId: "acceptInvitationWithPasskey",
    summary: "Finish accepting an invitation with a passkey: the browser's answer; the new login is signed in to the inviting account",
    description:
      "Creates the login (the invited e-mail, `name`, no password), its membership with the invitation's roles and services, and the passkey, in one transaction. 410 CAB_ERR_INVITATION_INVALID for an expired, used, revoked or unknown link; 401 CAB_ERR_PASSKEY_INVALID for a bad answer or a used or expired ceremony; 409 CAB_ERR_EMAIL_TAKEN when the e-mail has a login already (sign in, then accept). Nothing is written when refused. The session is a cookie or a bearer token as the options call asked.",
    tags: ["users"],
    auth: "public",
    body: AcceptInvitationWithPasskeyBody,
    response: InvitationAccepted,
    async handler({ brand, body, scope, ctx }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      const config = scope.resolve<CabinetConfig>(TOKENS.Config);
      const accepted = await scope.resolve(AcceptInvitationWithPasskey).execute(brand, party(ctx, brand, config), {
        token: body.token,
        ceremony: body.ceremony,
        name: body.name,
        passkeyName: body.passkeyName ?? "Passkey",
        locale: body.locale,
        response: body.response as unknown as RegistrationResponseJSON,
        client: { ip: request.ip, userAgent: request.userAgent },
      });
      const session = accepted.session!;
      if (accepted.mode === "cookie") setSessionCookie(ctx, config, session.token, session.expiresAt);
      return { accountId: accepted.accountId, userId: accepted.user.id, token: accepted.mode === "bearer" ? session.token : null };
    },
  }),
];
