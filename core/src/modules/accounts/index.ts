// The accounts module's public face (so far: what the sign-in hand-off and brand settings added).
export { handoffRoutes } from "./handoff.routes.js";
export { noSecondFactor, type SecondFactorGate } from "./second-factor-gate.js";
export { accountsInCurrency } from "./accounts-in-currency.js";
