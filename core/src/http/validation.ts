import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import * as addFormatsModule from "ajv-formats";
import type { TSchema } from "@sinclair/typebox";
import { CabinetError } from "../errors/cabinet-error.js";

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule.default as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes, useDefaults: true, strict: false });
  addFormats(ajv);
  return ajv;
}

/**
 * The request validators. Path and query values arrive as strings, so they are coerced to
 * the schema's types; bodies are JSON and must already have the right types.
 */
export class Validators {
  private readonly strings = makeAjv(true);
  private readonly json = makeAjv(false);

  /** `form`: the text fields of a multipart body, strings like path and query values. */
  compile(schema: TSchema, from: "params" | "query" | "body" | "form" | "response"): ValidateFunction {
    return (from === "params" || from === "query" || from === "form" ? this.strings : this.json).compile(schema);
  }
}

export function validationError(from: string, errors: ErrorObject[] | null | undefined): CabinetError {
  return new CabinetError("CAB_ERR_VALIDATION", {
    errors: (errors ?? []).slice(0, 20).map((e) => ({
      in: from,
      path:
        e.keyword === "additionalProperties"
          ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`
          : e.keyword === "required"
            ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`
            : e.instancePath || "/",
      message: e.keyword === "additionalProperties" ? "is not a known field" : (e.message ?? "is invalid"),
    })),
  });
}

/**
 * Refuses, at boot, a request schema that would let unchecked input through: an object that
 * accepts unknown fields, or a string with no length bound. Catches a forgotten limit in a
 * plugin's route before a client does.
 */
export function assertStrictSchema(schema: unknown, where: string): void {
  const visit = (node: unknown, path: string): void => {
    if (!node || typeof node !== "object") return;
    const s = node as Record<string, unknown>;
    if (s.type === "object" && s.additionalProperties !== false && !s.patternProperties) {
      throw new Error(`${where}: object schema at ${path || "/"} must set additionalProperties: false`);
    }
    if (s.type === "string" && s.maxLength === undefined && s.const === undefined && s.enum === undefined) {
      throw new Error(`${where}: string schema at ${path || "/"} must set maxLength`);
    }
    for (const [key, value] of Object.entries(s)) {
      if (key === "properties" && value && typeof value === "object") {
        for (const [name, child] of Object.entries(value)) visit(child, `${path}/${name}`);
      } else if (Array.isArray(value)) value.forEach((child) => visit(child, path));
      else if (key === "items" || key === "additionalProperties") visit(value, `${path}/*`);
    }
  };
  visit(schema, "");
}
