import { Type, type Static } from "@cabinet/core";

const WebhookUrl = Type.String({ pattern: "^https?://", maxLength: 2000 });
const Secret = Type.String({ minLength: 16, maxLength: 200 });

export const webhookOptionsSchema = Type.Object(
  {
    /** The provider's own endpoint: it receives every notification sent over this channel, for every user. */
    endpoint: Type.Optional(Type.Object({ url: WebhookUrl, secret: Secret }, { additionalProperties: false })),
    /** How long to wait for an endpoint's answer, in milliseconds; past it the delivery is retried. */
    timeoutMs: Type.Integer({ minimum: 100, maximum: 60_000, default: 10_000 }),
    /**
     * Let accounts point their webhook at loopback, private and link-local addresses (and names
     * resolving to them). Off unless set, whatever `env` says: such an address reaches the
     * provider's own network (the core, its database, Redis). For tests and local demos.
     */
    allowPrivateAddresses: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export type WebhookOptions = Static<typeof webhookOptionsSchema>;
