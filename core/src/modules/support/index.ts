/** The support module's public face: tickets, their messages and attachments, departments. */
import type { Redis } from "ioredis";
import type { CabinetConfig } from "../../config/config.schema.js";
import { defineModule } from "../../kernel/cabinet-module.js";
import { TOKENS } from "../../kernel/tokens.js";
import { ReplyFromChannel } from "./reply-from-channel.js";
import { supportRoutes } from "./support.routes.js";
import { staffTicketRoutes } from "./support.staff-routes.js";
import { TicketFloodLimiter } from "./ticket-flood-limiter.js";

export * from "./seed-support-demo.js";

export const supportModule = defineModule({
  name: "support",
  routes: [...supportRoutes, ...staffTicketRoutes],
  provide(container) {
    const config = container.resolve<CabinetConfig>(TOKENS.Config);
    const redis = container.isRegistered(TOKENS.Redis, true) ? container.resolve<Redis>(TOKENS.Redis) : undefined;
    container.register(TicketFloodLimiter, {
      useValue: new TicketFloodLimiter({ open: config.support.openLimitPerUser, message: config.support.messageLimitPerUser }, redis),
    });
  },
  register(container) {
    container.register(TOKENS.TicketReplies, { useFactory: (c) => c.resolve(ReplyFromChannel) });
  },
});
