import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject } from "ajv";
import { ConfigSchema, type CabinetConfig, type CabinetConfigInput } from "./config.schema.js";

/** A configuration that cannot start the core; its message is one line naming the field. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const ENV_PREFIX = "CABINET_";

/**
 * Reads `CABINET_SECTION__FIELD_NAME=value` variables into `{ section: { fieldName: value } }`.
 * Values are JSON when they parse as JSON (numbers, booleans, arrays), strings otherwise.
 */
export function configFromEnv(env: NodeJS.ProcessEnv): { config: Record<string, unknown>; sources: Map<string, string> } {
  const config: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || raw === undefined || name === "CABINET_CONFIG" || name.startsWith("CABINET_TEST_")) continue;
    const path = name
      .slice(ENV_PREFIX.length)
      .split("__")
      .map((part) => part.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
    let target = config;
    for (const key of path.slice(0, -1)) {
      target[key] = (target[key] as Record<string, unknown> | undefined) ?? {};
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1]] = parseEnvValue(raw);
    sources.set("/" + path.join("/"), name);
  }
  return { config, sources };
}

function parseEnvValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const ajv = new Ajv({ useDefaults: true, allErrors: false, strict: false, verbose: true });
const validateConfig = ajv.compile<CabinetConfig>(ConfigSchema);

/**
 * Builds the config from, in rising priority: the schema's defaults, a command's own `defaults`
 * (`cabinet serve` says `env: "production"`), a JSON file, `CABINET_*` environment variables and
 * explicit overrides. Throws {@link ConfigError} with one line naming the field.
 */
export function loadConfig(
  options: { file?: string; env?: NodeJS.ProcessEnv; defaults?: CabinetConfigInput; overrides?: CabinetConfigInput } = {},
): CabinetConfig {
  let fromFile: Record<string, unknown> = {};
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, "utf8");
    } catch (error) {
      throw new ConfigError(`Cannot read config file ${options.file}: ${(error as Error).message}`);
    }
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`Config file ${options.file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const env = configFromEnv(options.env ?? {});
  const merged = deepMerge(
    deepMerge(deepMerge((options.defaults ?? {}) as Record<string, unknown>, fromFile), env.config),
    (options.overrides ?? {}) as Record<string, unknown>,
  );
  if (!validateConfig(merged)) {
    const errors = validateConfig.errors ?? [];
    const error = errors.find((e) => e.keyword === "anyOf") ?? errors[0];
    throw new ConfigError(describeConfigError(error, env.sources, options.file));
  }
  return merged as unknown as CabinetConfig;
}

function describeConfigError(error: ErrorObject | undefined, sources: Map<string, string>, file?: string): string {
  if (!error) return "Invalid config";
  let field = error.instancePath || "/";
  let expected = error.message ?? "is invalid";
  if (error.keyword === "additionalProperties") {
    field = `${error.instancePath}/${(error.params as { additionalProperty: string }).additionalProperty}`;
    expected = "is not a known setting";
  } else if (error.keyword === "required") {
    field = `${error.instancePath}/${(error.params as { missingProperty: string }).missingProperty}`;
    expected = "is required";
  } else if (error.keyword === "anyOf") {
    const choices = (error.schema as { const?: unknown; type?: string }[]).map((b) => (b.const !== undefined ? JSON.stringify(b.const) : `a ${b.type}`));
    expected = `must be one of ${choices.join(", ")}`;
  } else {
    expected = `must ${expected.replace(/^must /, "")}`;
  }
  const source = sources.get(field) ? ` (from ${sources.get(field)})` : file ? ` (in ${file} or its defaults)` : "";
  return `Invalid config: ${field.replace(/^\//, "").replace(/\//g, ".") || "(root)"} ${expected}${source}`;
}
