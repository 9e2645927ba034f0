import { Redis } from "ioredis";
import { ActorContext } from "../kernel/actor-context.js";
import type { DestinationStream, Logger } from "pino";
import { container as globalContainer, type DependencyContainer } from "tsyringe";
import type { CabinetConfig } from "../config/config.schema.js";
import { createDatabase, type Database } from "../db/create-database.js";
import { afterCommitSettled } from "../db/transaction.js";
import type { Clock } from "../kernel/clock.js";
import { EventBus } from "../kernel/event-bus.js";
import { createLogger } from "../kernel/logger.js";
import { Metrics } from "../kernel/metrics.js";
import { TOKENS } from "../kernel/tokens.js";
import type { Teardown } from "./teardown.js";

/** The core's shared parts, as the later steps use them. */
export interface CoreParts {
  container: DependencyContainer;
  logger: Logger;
  db: Database;
  redis?: Redis;
  events: EventBus;
  metrics: Metrics;
}

/**
 * Step 2: the logger, the database, Redis (when configured), the event bus and a container
 * that holds them under their TOKENS. One child container per core, so several cores (tests,
 * multi-tenant hosts) never share state.
 */
export function buildContainer(config: CabinetConfig, options: { clock: Clock; logDestination?: DestinationStream }, teardown: Teardown): CoreParts {
  const logger = createLogger(config.log.level, options.logDestination);
  const redis = config.redis.url ? new Redis(config.redis.url, { lazyConnect: false, maxRetriesPerRequest: 2 }) : undefined;
  if (redis) teardown.add("redis", () => redis.disconnect());
  const db = createDatabase(config.database.url, { poolMax: config.database.poolMax });
  // Work scheduled after a commit (events' subscribers, documents) ends before the pool closes
  // under it — waited for 10 s at most, so a stuck subscriber cannot hold a stopping core.
  teardown.add("database", async () => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([afterCommitSettled(), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)).unref())]);
    clearTimeout(timer);
    await db.destroy();
  });
  const events = new EventBus(logger);

  const container = globalContainer.createChildContainer();
  container.register(TOKENS.Config, { useValue: config });
  container.register(TOKENS.Logger, { useValue: logger });
  container.register(TOKENS.Database, { useValue: db });
  container.register(TOKENS.Clock, { useValue: options.clock });
  container.register(TOKENS.EventBus, { useValue: events });
  container.register(TOKENS.Actors, { useValue: new ActorContext() });
  const metrics = new Metrics();
  container.register(TOKENS.Metrics, { useValue: metrics });
  if (redis) container.register(TOKENS.Redis, { useValue: redis });
  return { container, logger, db, redis, events, metrics };
}
