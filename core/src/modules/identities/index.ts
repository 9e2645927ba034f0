/** The identities module's public face: external sign-in through the `auth-provider` plugins. */
export { identityRoutes } from "./identities.routes.js";
