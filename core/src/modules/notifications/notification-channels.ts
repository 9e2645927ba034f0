import { inject, injectable } from "tsyringe";
import { localText, renderText } from "../../i18n/index.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import type { NotificationChannel } from "../../extension-points/notification-channel.js";
import { IN_APP, type NotificationKind } from "./notification-catalogue.js";

/** The channels the core's catalogue names (`channel.<id>`); a plugin's other channel names itself (`displayNames`), else by its id. */
const NAMED = new Set([IN_APP, "email", "telegram", "webhook"]);

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

  /** `locale`: the reader's language (a channel is named in the preferences a user reads). */
  describe(locale = "en"): { id: string; name: string; available: boolean }[] {
    return this.ids().map((id) => ({ id, name: this.nameOf(id, locale), available: true }));
  }

  private nameOf(id: string, locale: string): string {
    const own = id === IN_APP ? undefined : this.find(id)?.displayNames;
    if (own) return renderText(localText("channel.plugin", { name: { names: { en: id, ...own } } }), locale);
    return NAMED.has(id) ? renderText(localText(`channel.${id}`), locale) : id;
  }
}

/** Whether a user gets `kind` over `channel` when they have not said: in-app always, other channels for important kinds. */
export function enabledByDefault(kind: NotificationKind, channel: string): boolean {
  return channel === IN_APP || kind.important;
}
