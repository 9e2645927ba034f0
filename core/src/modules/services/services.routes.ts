import { defineRoute } from "../../http/route.js";
import { GetService } from "./get-service.js";
import { ListServices } from "./list-services.js";
import { ListServicesQuery, ServiceIdParams, ServicesPage, ServiceView } from "./services.schemas.js";

export const serviceRoutes = [
  defineRoute({
    method: "get",
    path: "/services",
    operationId: "listServices",
    summary: "The caller's services, newest first",
    description: "Deleted services are left out unless `status=deleted` is asked for.",
    tags: ["services"],
    auth: "user",
    query: ListServicesQuery,
    response: ServicesPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListServices).execute(auth, query),
  }),
  defineRoute({
    method: "get",
    path: "/services/:id",
    operationId: "getService",
    summary: "One service of the caller's account",
    tags: ["services"],
    auth: "user",
    params: ServiceIdParams,
    response: ServiceView,
    handler: ({ auth, params, scope }) => scope.resolve(GetService).execute(auth, params.id),
  }),
];
