import {
  CabinetError,
  Cursor,
  decodeCursor,
  defineRoute,
  Enum,
  Id,
  Instant,
  Limit,
  Obj,
  Page,
  TOKENS,
  toPage,
  Type,
  type AnyRoute,
  type DependencyContainer,
  type ProvisioningReports,
} from "@cabinet/core";
import type { StaffTask, TaskOutcome, TaskStore } from "./task-store.js";

const taskStatuses = ["open", "done", "failed"] as const;

const iso = (ms: number) => new Date(ms).toISOString();

const TaskView = Obj({
  id: Type.String(),
  status: Enum(taskStatuses),
  serviceId: Type.String(),
  accountId: Type.String(),
  action: Enum(["create", "suspend", "resume", "change", "delete"]),
  productCode: Type.String(),
  parameters: Type.Record(Type.String(), Type.Unknown()),
  options: Type.Record(Type.String(), Type.Unknown(), { description: "The product's provisioner options, e.g. `instructions` for the person doing it" }),
  resultData: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
  failureReason: Type.Union([Type.String(), Type.Null()]),
  completedBy: Type.Union([Type.String({ description: "The staff member's id" }), Type.Null()]),
  createdAt: Instant,
  completedAt: Type.Union([Instant, Type.Null()]),
});

const view = (task: StaffTask) => ({
  id: task.id,
  status: task.status,
  serviceId: task.serviceId,
  accountId: task.accountId,
  action: task.action,
  productCode: task.productCode,
  parameters: task.parameters,
  options: task.options,
  resultData: task.resultData,
  failureReason: task.failureReason,
  completedBy: task.completedBy,
  createdAt: iso(task.createdAt),
  completedAt: task.completedAt === null ? null : iso(task.completedAt),
});

const TaskParams = Obj({ id: Id("pmt") });
const tags = ["provisioning"];

/**
 * The staff API of manual provisioning, mounted under `/api/v1/plugins/provision-manual`.
 * Every query filters by the staff member's brand: another brand's task answers 404.
 */
export function staffTaskRoutes(store: TaskStore): AnyRoute[] {
  async function findTask(brandId: string, id: string): Promise<StaffTask> {
    const task = await store.find(brandId, id);
    if (!task) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "task" });
    return task;
  }

  /**
   * Closes the task and reports its outcome to the core. Marking it again the same way reports
   * the recorded outcome again (the core ignores a repeat), so a report lost to a crash is
   * made good by pressing the button twice; marking it the other way is a conflict.
   */
  async function mark(scope: DependencyContainer, auth: { brandId: string; staffId: string }, id: string, outcome: TaskOutcome) {
    await store.close(auth.brandId, id, outcome, auth.staffId);
    const task = await findTask(auth.brandId, id);
    if (task.status !== outcome.status) throw new CabinetError("CAB_ERR_CONFLICT", { status: task.status }, `The task is already ${task.status}.`);
    await scope.resolve<ProvisioningReports>(TOKENS.ProvisioningReports).report({
      serviceId: task.serviceId,
      action: task.action,
      outcome:
        task.status === "done"
          ? { status: "done", ...(task.resultData ? { data: task.resultData } : {}) }
          : { status: "failed", reason: task.failureReason ?? "" },
    });
    return view(task);
  }

  return [
    defineRoute({
      method: "get",
      path: "/tasks",
      operationId: "listProvisioningTasks",
      summary: "The brand's manual provisioning tasks, newest first, by status or service",
      tags,
      auth: "staff",
      query: Obj({
        status: Type.Optional(Enum(taskStatuses)),
        serviceId: Type.Optional(Id("svc")),
        cursor: Type.Optional(Cursor),
        limit: Type.Optional(Limit),
      }),
      response: Page(TaskView),
      handler: async ({ auth, query }) => {
        const limit = query.limit ?? 20;
        const rows = await store.list(auth.brandId, { status: query.status, serviceId: query.serviceId, before: decodeCursor(query.cursor, "pmt"), limit });
        return toPage(rows, limit, view);
      },
    }),
    defineRoute({
      method: "get",
      path: "/tasks/:id",
      operationId: "getProvisioningTask",
      summary: "One manual provisioning task",
      tags,
      auth: "staff",
      params: TaskParams,
      response: TaskView,
      handler: async ({ auth, params }) => view(await findTask(auth.brandId, params.id)),
    }),
    defineRoute({
      method: "post",
      path: "/tasks/:id/done",
      operationId: "completeProvisioningTask",
      summary: "Mark a task done; the service goes on (a created one becomes active)",
      description:
        "`data` (an IP address, a host name…) is passed on to the core with the outcome. Marking a done task done again changes nothing; a failed one answers 409.",
      tags,
      auth: "staff",
      staffRoles: ["admin", "support"],
      params: TaskParams,
      body: Obj({
        data: Type.Optional(
          Type.Record(Type.String({ pattern: "^[A-Za-z][A-Za-z0-9_]{0,63}$" }), Type.String({ maxLength: 1000 }), {
            maxProperties: 20,
            additionalProperties: false,
            description: 'What staff set up, e.g. `{ "ipAddress": "203.0.113.7" }`',
          }),
        ),
      }),
      response: TaskView,
      handler: ({ auth, params, body, scope }) => mark(scope, auth, params.id, { status: "done", data: body.data ?? null }),
    }),
    defineRoute({
      method: "post",
      path: "/tasks/:id/failed",
      operationId: "failProvisioningTask",
      summary: "Mark a task failed, with the reason the client will see",
      description: "Marking a failed task failed again changes nothing; a done one answers 409.",
      tags,
      auth: "staff",
      staffRoles: ["admin", "support"],
      params: TaskParams,
      body: Obj({ reason: Type.String({ minLength: 1, maxLength: 500 }) }),
      response: TaskView,
      handler: ({ auth, params, body, scope }) => mark(scope, auth, params.id, { status: "failed", reason: body.reason }),
    }),
  ];
}
