import { Type, type Static } from "@cabinet/core";

/** A sender as an e-mail header writes it: `Name <address>` or a bare address. */
const Sender = Type.String({ minLength: 3, maxLength: 320, pattern: "^[^\\r\\n]*@[^\\r\\n]*$" });

export const emailOptionsSchema = Type.Object(
  {
    smtp: Type.Object(
      {
        host: Type.String({ minLength: 1, maxLength: 255 }),
        port: Type.Integer({ minimum: 1, maximum: 65535, default: 587 }),
        /** true: TLS from the first byte (port 465); false: plain, upgraded by STARTTLS when the server offers it. */
        secure: Type.Boolean({ default: false }),
        /** Refuse to send over a connection that STARTTLS did not upgrade. */
        requireTLS: Type.Boolean({ default: false }),
        auth: Type.Optional(
          Type.Object(
            { user: Type.String({ minLength: 1, maxLength: 255 }), pass: Type.String({ minLength: 1, maxLength: 500 }) },
            { additionalProperties: false },
          ),
        ),
        timeoutMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 15_000 }),
      },
      { additionalProperties: false },
    ),
    /** The sender when a brand has none of its own in `senders`. */
    from: Sender,
    /** Per-brand senders, by brand slug or id: `{ "acme": "Acme Hosting <support@acme.example>" }`. */
    senders: Type.Record(Type.String({ maxLength: 100 }), Sender, { default: {} }),
    /**
     * A directory of per-brand templates that replace the shipped ones, file by file:
     * `<templatesDir>/<brand slug>/<locale>/{subject,html,text}.hbs`.
     */
    templatesDir: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export type EmailOptions = Static<typeof emailOptionsSchema>;
