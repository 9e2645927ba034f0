import { errorCatalogue, type ErrorCode } from "./error-catalogue.js";

/**
 * A failure the caller should see. Throw it from a use case or a plugin; the error
 * middleware renders it as `{ error: { code, message, details } }` with the catalogue's status.
 *
 * @example
 * throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service" });
 */
export class CabinetError extends Error {
  readonly code: ErrorCode | `PLG_ERR_${string}`;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, details: Record<string, unknown> = {}, message?: string) {
    super(message ?? errorCatalogue[code].message);
    this.name = "CabinetError";
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }

  /** A plugin's own code with its status (see `definePluginErrors`, the only caller). */
  static custom(code: `PLG_ERR_${string}`, status: number, message: string, details: Record<string, unknown>): CabinetError {
    const error = new CabinetError("CAB_ERR_INTERNAL", details, message);
    Object.assign(error, { code, status });
    return error;
  }
}

export function isCabinetError(error: unknown): error is CabinetError {
  return error instanceof CabinetError;
}
