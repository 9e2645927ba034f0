import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { ApiClient, Credentials } from "../runtime/api-client.js";
import type { Me, SessionMode } from "../runtime/api-types.js";
import type { Reauth } from "./security-api.js";

type Options = { ceremony: string; options: Record<string, unknown> };

/** Adds a passkey of this device to the signed-in user: the core's options, the browser's ceremony, the core's check. */
export async function registerPasskey(api: ApiClient, credentials: Credentials, name: string, reauth: Reauth): Promise<void> {
  const { ceremony, options } = await api.request<Options>("POST", "/me/passkeys/registration-options", { body: reauth, credentials });
  const response = await startRegistration({ optionsJSON: options as never });
  await api.request("POST", "/me/passkeys", { body: { ceremony, name, response }, credentials });
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
