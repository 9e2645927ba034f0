/**
 * Every DI token of the core, in one place. Tokens are Symbols so two plugins can never
 * collide by accident and nothing is looked up by a (minifiable) class name.
 */
export const TOKENS = {
  Config: Symbol.for("cabinet.Config"),
  Logger: Symbol.for("cabinet.Logger"),
  Database: Symbol.for("cabinet.Database"),
  Clock: Symbol.for("cabinet.Clock"),
  EventBus: Symbol.for("cabinet.EventBus"),
  Extensions: Symbol.for("cabinet.Extensions"),
  PasswordHasher: Symbol.for("cabinet.PasswordHasher"),
  RateLimiters: Symbol.for("cabinet.RateLimiters"),
  /** Per request (child container only): the {@link RequestContext}. */
  RequestContext: Symbol.for("cabinet.RequestContext"),
} as const;
