import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/app/resolve-config.js";
import { Teardown } from "../../src/app/teardown.js";

describe("Teardown", () => {
  it("undoes the steps last first, each once, and runs the rest when one fails", async () => {
    const done: string[] = [];
    const teardown = new Teardown();
    teardown.add("database", () => done.push("database"));
    teardown.add("plugins", () => {
      done.push("plugins");
      throw new Error("plugin would not stop");
    });
    teardown.add("job queue", async () => done.push("job queue"));
    await expect(teardown.run()).rejects.toThrow("plugin would not stop");
    expect(done).toEqual(["job queue", "plugins", "database"]);
    await teardown.run();
    expect(done).toHaveLength(3);
  });
});

describe("resolveConfig", () => {
  it("leaves a given public URL as it is", () => {
    const config = resolveConfig({ http: { publicUrl: "https://my.example.com", port: 0 } }, { port: 4567 });
    expect(config.http.publicUrl).toBe("https://my.example.com");
  });

  it("derives an unset public URL from the port listened on, without writing to the config", () => {
    const listening: { port?: number } = {};
    const config = resolveConfig({ http: { port: 0 } }, listening);
    expect(config.http.publicUrl).toBe("http://localhost:0");
    listening.port = 4567;
    expect(config.http.publicUrl).toBe("http://localhost:4567");
    expect(JSON.parse(JSON.stringify(config)).http.publicUrl).toBe("http://localhost:4567");
  });
});
