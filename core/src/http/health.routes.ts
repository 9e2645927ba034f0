import { Router } from "@koa/router";
import type { Database } from "../db/create-database.js";

/** `/healthz`: the process answers. `/readyz`: and its database does too. */
export function healthRouter(db: Database): Router {
  const router = new Router();
  router.get("/healthz", (ctx) => {
    ctx.body = { status: "ok" };
  });
  router.get("/readyz", async (ctx) => {
    try {
      await db.raw("select 1");
      ctx.body = { status: "ready" };
    } catch {
      ctx.status = 503;
      ctx.body = { error: { code: "CAB_ERR_UNAVAILABLE", message: "The database does not answer.", details: {} } };
    }
  });
  return router;
}
