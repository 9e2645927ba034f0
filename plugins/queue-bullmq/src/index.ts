import { definePlugin, Type } from "@cabinet/core";
import { BullMqJobQueue } from "./bullmq-job-queue.js";
import { deadLetterRoutes } from "./dead-letter-routes.js";

export { BullMqJobQueue, type BullMqJobQueueOptions, type DeadJob } from "./bullmq-job-queue.js";

export const bullMqOptionsSchema = Type.Object(
  {
    /** The Redis every core process shares; the core's `redis.url` when unset. */
    url: Type.Optional(Type.String({ pattern: "^rediss?://" })),
    /** Key prefix; `<redis.keyPrefix>bull` when unset. */
    prefix: Type.Optional(Type.String({ pattern: "^[A-Za-z0-9:_.-]{1,80}$" })),
    /** How long a running job's lock holds: a job of a process that died runs again elsewhere after about this long. */
    lockMs: Type.Integer({ minimum: 1000, maximum: 600_000, default: 30_000 }),
    /** Failed jobs kept for the dead-letter view, per job name. */
    keepFailed: Type.Integer({ minimum: 1, maximum: 100_000, default: 1000 }),
  },
  { additionalProperties: false },
);

/**
 * `queue-bullmq`: the `job-queue` with id `bullmq`, on BullMQ and Redis — the setting for more
 * than one core process. Jobs survive restarts, run on whichever node is free, repeat once per
 * tick across all nodes, and those that failed for good are listed for staff
 * (`GET /api/v1/plugins/queue-bullmq/dead-letter`). Attempts and back-off come from `jobs.*`.
 *
 * @example
 * { "redis": { "url": "redis://10.0.0.5:6379" }, "jobs": { "queue": "bullmq" },
 *   "plugins": [{ "name": "queue-bullmq", "module": "@cabinet/plugin-queue-bullmq", "options": {} }] }
 */
export default definePlugin({
  name: "queue-bullmq",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: bullMqOptionsSchema,
  register({ options, config, logger, provide, container }) {
    const url = options.url ?? config.redis.url;
    if (!url) throw new Error("needs a Redis: set options.url or the core's redis.url");
    const queue = new BullMqJobQueue({
      url,
      prefix: options.prefix ?? `${config.redis.keyPrefix}bull`,
      attempts: config.jobs.attempts,
      backoffMs: config.jobs.backoffMs,
      lockMs: options.lockMs,
      keepFailed: options.keepFailed,
      logger: logger.child({ component: "job-queue" }),
    });
    container.register(BullMqJobQueue, { useValue: queue });
    provide("job-queue", queue);
  },
  routes({ container }) {
    return deadLetterRoutes(container.resolve(BullMqJobQueue));
  },
});
