import { CabinetError, defineRoute, Obj, Type } from "@cabinet/core";
import type { BullMqJobQueue } from "./bullmq-job-queue.js";

const DeadJob = Obj({
  name: Type.String({ description: "The job's name (`provision-service`, `render-document`, `billing-run`…)" }),
  id: Type.String({ description: "The job's id, as the core enqueued it" }),
  payload: Type.Record(Type.String(), Type.Unknown(), { description: "What the job was asked to do (ids, never secrets)" }),
  failedReason: Type.String({ description: "The last attempt's error" }),
  attemptsMade: Type.Integer({ minimum: 0 }),
  failedAt: Type.Union([Type.Integer(), Type.Null()], { description: "Milliseconds since the epoch" }),
  enqueuedAt: Type.Integer({ description: "Milliseconds since the epoch" }),
});
const JobName = Type.String({ pattern: "^[a-z0-9-]{1,64}$", maxLength: 64 });
const JobId = Type.String({ minLength: 1, maxLength: 200 });

/**
 * The dead-letter view: jobs that failed their last attempt, and retrying one. The queue is the
 * installation's, shared by every brand, so only staff with the `admin` role see it.
 */
export function deadLetterRoutes(queue: BullMqJobQueue) {
  return [
    defineRoute({
      method: "get",
      path: "/dead-letter",
      operationId: "listDeadJobs",
      summary: "Jobs that failed their last attempt (staff admin)",
      description: "Newest first, at most `limit` (100 unless given), of every job name this node works on.",
      tags: ["staff"],
      auth: "staff",
      staffRoles: ["admin"],
      query: Obj({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
      response: Obj({ items: Type.Array(DeadJob) }),
      handler: async ({ query }) => ({ items: await queue.listFailed(query.limit ?? 100) }),
    }),
    defineRoute({
      method: "post",
      path: "/dead-letter/:name/:id/retry",
      operationId: "retryDeadJob",
      summary: "Run a failed job again (staff admin)",
      description: "Back to waiting, its attempts counted afresh. 404 CAB_ERR_NOT_FOUND when no failed job has that name and id.",
      tags: ["staff"],
      auth: "staff",
      staffRoles: ["admin"],
      params: Obj({ name: JobName, id: JobId }),
      response: null,
      status: 204,
      handler: async ({ params }) => {
        if (!(await queue.retryFailed(params.name, params.id))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "job", id: params.id });
      },
    }),
  ];
}
