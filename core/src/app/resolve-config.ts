import { loadConfig } from "../config/load-config.js";
import type { CabinetConfig, CabinetConfigInput } from "../config/config.schema.js";

/** The port the core listens on, once `start()` knows it (port 0 picks a free one). */
export interface ListeningPort {
  port?: number;
}

/**
 * Step 1: the validated config, with the file, the environment and `input` applied. It is not
 * changed afterwards: `http.publicUrl`, when unset, is a derived value that reads
 * `http://localhost:<port>` with the port actually listened on (known only after `start()`),
 * which is why it is a getter and not a field written later.
 */
export function resolveConfig(input: CabinetConfigInput, listening: ListeningPort): CabinetConfig {
  const loaded = loadConfig({ overrides: input });
  const given = loaded.http.publicUrl;
  const http = { ...loaded.http };
  Object.defineProperty(http, "publicUrl", {
    enumerable: true,
    get: () => given ?? `http://localhost:${listening.port ?? loaded.http.port}`,
  });
  return { ...loaded, http };
}
