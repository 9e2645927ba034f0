import { connect } from "node:net";
import { definePlugin, defineRoute, Obj, Type } from "../../src/index.js";

/** Whether a new TCP connection to the port is taken. */
const tryConnect = (port: number) =>
  new Promise<"accepted" | "refused">((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("accepted");
    });
    socket.once("error", () => resolve("refused"));
  });

/**
 * A plugin for the graceful-shutdown test, loaded by a child `cabinet serve` from its config:
 * `GET /api/v1/plugins/slow-route/until-sigterm` answers only once the process got SIGTERM (so
 * the request is surely in flight when the stop begins); `/never` never answers.
 */
export default definePlugin({
  name: "slow-route",
  version: "1.0.0",
  coreRange: "*",
  register() {},
  routes: () => [
    defineRoute({
      method: "get",
      path: "/until-sigterm",
      operationId: "untilSigterm",
      summary: "Answers after SIGTERM",
      tags: ["test"],
      auth: "public",
      query: Obj({ port: Type.Integer({ minimum: 1, maximum: 65535 }) }),
      response: Obj({ answered: Type.String({ maxLength: 20 }), newConnection: Type.String({ maxLength: 10 }) }),
      async handler({ query }) {
        process.stdout.write("slow request in flight\n");
        await new Promise((resolve) => process.once("SIGTERM", resolve));
        // The stop has begun (the CLI's listener ran first): the node takes no new connection,
        // and this answer, still being worked on, is waited for.
        const newConnection = await tryConnect(query.port);
        return { answered: "after SIGTERM", newConnection };
      },
    }),
    defineRoute({
      method: "get",
      path: "/never",
      operationId: "never",
      summary: "Never answers",
      tags: ["test"],
      auth: "public",
      response: null,
      async handler() {
        process.stdout.write("hanging request in flight\n");
        await new Promise(() => {});
      },
    }),
  ],
});
