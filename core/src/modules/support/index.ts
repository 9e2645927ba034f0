/** The support module's public face: tickets, their messages and attachments, departments. */
import type { Redis } from "ioredis";
import type { CabinetConfig } from "../../config/config.schema.js";
import { defineModule } from "../../kernel/cabinet-module.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { EraseTicketTexts } from "./erase-ticket-texts.js";
import { SupportPersonalData } from "./support-personal-data.js";
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
    container.register(TOKENS.PersonalDataSources, { useClass: SupportPersonalData });
    container
      .resolve<EventBus>(TOKENS.EventBus)
      .subscribeWithin("personal_data.erased", "support", (subject, trx) => container.resolve(EraseTicketTexts).execute(subject, trx));
  },
});

export { SupportPersonalData };
export { EraseTicketTexts };
