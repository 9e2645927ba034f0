import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import type { NotificationChannel } from "../../extension-points/notification-channel.js";
import { IN_APP, type NotificationKind } from "./notification-catalogue.js";

const names: Record<string, string> = { [IN_APP]: "In-app", email: "E-mail", telegram: "Telegram", webhook: "Webhook" };

/** The channels a notification can take: `in-app` (the core's own) and the enabled `notification-channel` plugins. */
@injectable()
export class NotificationChannels {
  constructor(@inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry) {}

  external(): NotificationChannel[] {
    return this.extensions.list("notification-channel");
  }

  find(id: string): NotificationChannel | undefined {
    return this.extensions.get("notification-channel", id);
  }

  /** Every channel id, in-app first. */
  ids(): string[] {
    return [IN_APP, ...this.external().map((c) => c.id)];
  }

  describe(): { id: string; name: string; available: boolean }[] {
    return this.ids().map((id) => ({ id, name: names[id] ?? id, available: true }));
  }
}

/** Whether a user gets `kind` over `channel` when they have not said: in-app always, other channels for important kinds. */
export function enabledByDefault(kind: NotificationKind, channel: string): boolean {
  return channel === IN_APP || kind.important;
}
