import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { ApiClient, Credentials } from "../runtime/api-client.js";
import type { Me, SessionMode } from "../runtime/api-types.js";
import type { Reauth } from "./security-api.js";

type Options = { ceremony: string; options: Record<string, unknown> };

/**
 * Makes a passkey on this device: the core's options (`start`), the browser's ceremony, and the
 * core's check of its answer (`finish`, given the ceremony token and the browser's response).
 */
async function createPasskey<T>(
  api: ApiClient,
  credentials: Credentials,
  start: { path: string; body: unknown },
  finish: { path: string; body: (ceremony: string, response: unknown) => unknown },
): Promise<T> {
  const { ceremony, options } = await api.request<Options>("POST", start.path, { body: start.body, credentials });
  const response = await startRegistration({ optionsJSON: options as never });
  return api.request<T>("POST", finish.path, { body: finish.body(ceremony, response), credentials });
}

/** Adds a passkey of this device to the signed-in user: the core's options, the browser's ceremony, the core's check. */
export async function registerPasskey(api: ApiClient, credentials: Credentials, name: string, reauth: Reauth): Promise<void> {
  await createPasskey(
    api,
    credentials,
    { path: "/me/passkeys/registration-options", body: reauth },
    { path: "/me/passkeys", body: (ceremony, response) => ({ ceremony, name, response }) },
  );
}

/**
 * Accepts an invitation with a new login whose way in is a passkey of this device (no password):
 * signed in, by a cookie or (bearer) the answer's token, to the inviting account.
 */
export function acceptInvitationWithPasskey(
  api: ApiClient,
  mode: SessionMode,
  input: { token: string; name: string; passkeyName: string; locale: string },
): Promise<{ accountId: string; userId: string; token: string | null }> {
  const { token, name } = input;
  return createPasskey(
    api,
    { mode },
    { path: "/invitations/passkey/options", body: { token, name, mode } },
    { path: "/invitations/passkey", body: (ceremony, response) => ({ ...input, ceremony, response }) },
  );
}

/**
 * Signs in with a passkey: as the first factor, or — given the challenge of a sign-in whose
 * password was right — as its second factor. Answers the session as sign-in does.
 */
export async function signInWithPasskey(api: ApiClient, mode: SessionMode, secondFactorChallenge?: string): Promise<Me & { token: string | null }> {
  const { ceremony, options } = await api.request<Options>("POST", "/auth/passkey/options", {
    body: { mode, ...(secondFactorChallenge ? { secondFactorChallenge } : {}) },
  });
  const response = await startAuthentication({ optionsJSON: options as never });
  return api.request<Me & { token: string | null }>("POST", "/auth/passkey", { body: { ceremony, response } });
}
