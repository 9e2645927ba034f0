import { pino, type Logger, type DestinationStream } from "pino";

/** Structured JSON logs; secrets that could reach a log line are redacted by path. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "cabinet" },
      redact: {
        paths: ["password", "*.password", "token", "*.token", "headers.authorization", "headers.cookie", "*.passwordHash"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
