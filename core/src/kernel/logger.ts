import { pino, type Logger, type DestinationStream } from "pino";
import { currentJobFields } from "./job-context.js";

/** Structured JSON logs; secrets that could reach a log line are redacted by path. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "cabinet" },
      // Lines written while a job runs name it (job, jobId, attempt), whoever writes them.
      mixin: currentJobFields,
      redact: {
        paths: ["password", "*.password", "token", "*.token", "headers.authorization", "headers.cookie", "*.passwordHash"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
