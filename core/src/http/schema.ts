import { Type, type Static, type TObject, type TProperties, type TSchema } from "@sinclair/typebox";

export { Type, type Static, type TSchema };

/** An object schema that rejects unknown fields: every request schema is built from these. */
export function Obj<P extends TProperties>(properties: P, options: { description?: string } = {}): TObject<P> {
  return Type.Object(properties, { ...options, additionalProperties: false });
}

/**
 * One of a fixed set of strings, as a plain JSON Schema `enum`: a wrong value gets one clear
 * error ("must be equal to one of the allowed values") instead of one per alternative.
 */
export function Enum<const T extends string>(values: readonly T[], options: { description?: string; default?: NoInfer<T> } = {}) {
  return Type.Unsafe<T>({ type: "string", enum: [...values], ...options });
}

/** A prefixed id such as `svc_01jd…`. */
export const Id = (prefix: string) => Type.String({ pattern: `^${prefix}_[0-9a-z]{10,40}$`, maxLength: 64 });

export const Email = Type.String({ format: "email", minLength: 3, maxLength: 254 });
export const Currency = Type.String({ pattern: "^[A-Z]{3}$", minLength: 3, maxLength: 3, description: "ISO 4217" });
export const Instant = Type.String({ format: "date-time", description: "ISO 8601, UTC" });

export const Cursor = Type.String({ pattern: "^[A-Za-z0-9_-]{1,200}$", maxLength: 200, description: "Opaque: the `nextCursor` of the previous page" });
export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 });

/** A page of a list. */
export function Page<T extends TSchema>(item: T) {
  return Obj({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: "Pass as `cursor` for the next page; null on the last" }),
  });
}

/** The one error shape every failure answers with. */
export const ErrorResponse = Obj({
  error: Obj({
    code: Type.String({ description: "A CAB_ERR_… code from the error catalogue" }),
    message: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
  }),
});

/**
 * A text in the brand's other locales (`{ "ru": "Облачный VPS" }`); only locales the brand
 * offers (else 400). The plain field holds the text in the brand's default locale.
 */
export const Translations = (maxLength: number) =>
  Type.Record(Type.String({ pattern: "^[a-z]{2}(-[A-Z]{2})?$" }), Type.String({ minLength: 1, maxLength }), {
    additionalProperties: false,
    maxProperties: 20,
    description: "The text in the brand's other locales, by locale; a locale without one shows the default text",
  });
