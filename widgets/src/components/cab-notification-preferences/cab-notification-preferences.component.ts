import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import type { SupportT } from "../../i18n/support.js";
import { describeError } from "../../i18n/index.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { SupportElement } from "../../support/support-element.js";
import { supportApi, type NotificationPreferences, type TelegramLink } from "../../support/support-api.js";
import { supportStyles } from "../../support/support.styles.js";
import { styles } from "./cab-notification-preferences.styles.js";

/** `cab-preferences-saved`: the new settings, as the server keeps them. */
export interface PreferencesSavedDetail {
  preferences: NotificationPreferences;
}

/** The matrix as the form holds it: event → channel → on. */
export type Choices = Record<string, Record<string, boolean>>;

/** What the server has, as a matrix of choices; only the channels it lists, available or not. */
export function choicesOf(preferences: NotificationPreferences): Choices {
  return Object.fromEntries(preferences.events.map((e) => [e.event, Object.fromEntries(preferences.channels.map((c) => [c.id, !!e.channels[c.id]]))]));
}

/** What to PUT: every event with its available channels only (an unavailable one is not the client's to change). */
export function changesOf(preferences: NotificationPreferences, choices: Choices): Choices {
  const available = preferences.channels.filter((c) => c.available).map((c) => c.id);
  return Object.fromEntries(preferences.events.map((e) => [e.event, Object.fromEntries(available.map((id) => [id, !!choices[e.event]?.[id]]))]));
}

/**
 * Which notifications the signed-in user gets, and where: a table of events (grouped:
 * services, billing, support, security) by channels (in-app, e-mail, Telegram, webhook — the
 * ones the provider enabled; a channel that is not available is shown disabled). With the
 * `telegram` channel available, the Telegram binding: "Link Telegram" gives a code and a link
 * that opens the bot, and a linked account can be unlinked.
 *
 * Any signed-in user has their own settings.
 *
 * @event cab-preferences-saved - `detail: { preferences }`. Bubbles, is composed.
 *
 * @csspart heading - The heading.
 * @csspart table - The `<table>` of events by channels.
 * @csspart save - The "Save" button.
 * @csspart saved - "Your notification settings were saved."
 * @csspart telegram - The Telegram binding.
 * @csspart telegram-code - The code to send the bot, and its link.
 * @csspart signed-out - The "sign in" message.
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons.
 *
 * @cssproperty --cab-color-primary - Checkboxes and buttons. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-notification-preferences></cab-notification-preferences>
 * ```
 *
 * @tag cab-notification-preferences
 */
export class CabNotificationPreferences extends SupportElement {
  static override styles = [supportStyles, styles];

  protected override readonly permission = null;

  private readonly preferences = this.resource((api, c, signal) => supportApi.preferences(api, c, signal));
  @state() private choices: Choices = {};
  @state() private saving = false;
  @state() private saved = false;
  @state() private saveError: unknown = null;
  private readonly telegram = this.resource((api, c, signal) => supportApi.telegramStatus(api, c, signal));
  @state() private telegramCode: TelegramLink | null = null;
  @state() private telegramBusy = false;
  @state() private telegramError: unknown = null;

  protected override labels(t: SupportT) {
    return { title: t.preferences.title, signedOut: t.preferences.signedOut, forbidden: t.preferences.forbidden };
  }

  protected override reload(): void {
    void this.load();
  }

  protected override clear(): void {
    this.choices = {};
    this.saved = false;
    this.saveError = null;
    this.telegramCode = null;
    this.telegramError = null;
  }

  private async load(): Promise<void> {
    const preferences = await this.preferences.load();
    if (!preferences) return;
    this.choices = choicesOf(preferences);
    if (preferences.channels.some((c) => c.id === "telegram" && c.available)) await this.telegram.load();
  }

  protected override renderContent(t: SupportT): TemplateResult {
    const preferences = this.preferences.value;
    const failure = this.preferences.error;
    return html`
      <div class="header">
        <slot name="heading"><h2 class="heading" part="heading">${t.preferences.title}</h2></slot>
      </div>
      ${failure ? renderFailure(t, failure, () => void this.load()) : nothing}
      ${preferences ? this.renderForm(t, preferences) : failure ? nothing : html`<p class="notice" role="status">${t.common.loading}</p>`}
      ${preferences?.channels.some((c) => c.id === "telegram" && c.available) ? this.renderTelegram(t) : nothing}
    `;
  }

  private renderForm(t: SupportT, preferences: NotificationPreferences): TemplateResult {
    const groups = [...new Set(preferences.events.map((e) => e.group))];
    return html`
      <form class="form-plain" @submit=${this.save} @change=${() => (this.saved = false)}>
        <div class="table-wrap" tabindex="0" role="region" aria-label=${t.preferences.title}>
          <table part="table">
            <thead>
              <tr>
                <th scope="col">${t.preferences.event}</th>
                ${preferences.channels.map((c) => html`<th scope="col" class="channel">${c.available ? c.name : t.preferences.unavailable(c.name)}</th>`)}
              </tr>
            </thead>
            ${groups.map(
              (group) =>
                html`<tbody>
                  <tr class="group">
                    <th scope="colgroup" colspan=${preferences.channels.length + 1}>${t.preferences.groups[group] ?? group}</th>
                  </tr>
                  ${preferences.events
                    .filter((e) => e.group === group)
                    .map(
                      (e) =>
                        html`<tr>
                          <th scope="row">${e.label}</th>
                          ${preferences.channels.map(
                            (c) =>
                              html`<td class="channel">
                                <input
                                  type="checkbox"
                                  .checked=${!!this.choices[e.event]?.[c.id]}
                                  ?disabled=${!c.available || this.saving}
                                  aria-label=${t.preferences.channelFor(e.label, c.name)}
                                  @change=${(ev: Event) => this.choose(e.event, c.id, (ev.target as HTMLInputElement).checked)}
                                />
                              </td>`,
                          )}
                        </tr>`,
                    )}
                </tbody>`,
            )}
          </table>
        </div>
        ${this.saveError ? html`<p class="error" part="error" role="alert">${describeError(t, this.saveError)}</p>` : nothing}
        <div class="actions">
          <button class="button" part="button save" type="submit" ?disabled=${this.saving}>${this.saving ? t.preferences.saving : t.preferences.save}</button>
          <span role="status">${this.saved ? html`<span class="saved" part="saved">${t.preferences.saved}</span>` : nothing}</span>
        </div>
      </form>
    `;
  }

  private renderTelegram(t: SupportT): TemplateResult {
    const status = this.telegram.value;
    const code = this.telegramCode;
    const telegramError = this.telegramError ?? this.telegram.error;
    return html`
      <section class="telegram" part="telegram" aria-labelledby="telegram-title">
        <h3 class="subheading" id="telegram-title">${t.preferences.telegramTitle}</h3>
        ${status ? html`<p>${status.linked ? t.preferences.telegramLinked(status.username) : t.preferences.telegramNotLinked}</p>` : nothing}
        ${
          code && !status?.linked
            ? html`<div class="code" part="telegram-code" role="status">
                <p>${t.preferences.telegramCode(code.code)}</p>
                ${
                  safeTelegramLink(code.deepLink)
                    ? html`<p><a href=${code.deepLink} target="_blank" rel="noopener noreferrer">${t.preferences.telegramOpen(code.botUsername)}</a></p>`
                    : nothing
                }
                <p class="hint">
                  ${t.preferences.telegramExpires(new Intl.DateTimeFormat(this.cabinet.settings.locale, { timeStyle: "short", dateStyle: "medium" }).format(new Date(code.expiresAt)))}
                </p>
              </div>`
            : nothing
        }
        ${
          telegramError && !(telegramError instanceof CabinetApiError && telegramError.status === 404)
            ? html`<p class="error" part="error" role="alert">${describeError(t, telegramError)}</p>`
            : nothing
        }
        <div class="actions">
          ${
            status?.linked
              ? html`<button class="button secondary" part="button" type="button" ?disabled=${this.telegramBusy} @click=${() => this.unlinkTelegram()}>
                  ${t.preferences.telegramUnlink}
                </button>`
              : html`<button class="button secondary" part="button" type="button" ?disabled=${this.telegramBusy} @click=${() => this.linkTelegram()}>
                  ${t.preferences.telegramLink}
                </button>`
          }
        </div>
      </section>
    `;
  }

  private choose(event: string, channel: string, on: boolean): void {
    this.choices = { ...this.choices, [event]: { ...this.choices[event], [channel]: on } };
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const preferences = this.preferences.value;
    if (!preferences || this.saving) return;
    this.saving = true;
    this.saved = false;
    this.saveError = null;
    try {
      const next = await this.cabinet.session.call((api, c) => supportApi.savePreferences(api, changesOf(preferences, this.choices), c));
      this.preferences.set(next);
      this.choices = choicesOf(next);
      this.saved = true;
      this.emit<PreferencesSavedDetail>("cab-preferences-saved", { preferences: next });
    } catch (cause) {
      this.noteFailure(cause);
      this.saveError = cause;
    } finally {
      this.saving = false;
    }
  }

  private async linkTelegram(): Promise<void> {
    await this.telegramAction(async () => {
      this.telegramCode = await this.cabinet.session.call((api, c) => supportApi.linkTelegram(api, c));
    });
  }

  private async unlinkTelegram(): Promise<void> {
    await this.telegramAction(async () => {
      await this.cabinet.session.call((api, c) => supportApi.unlinkTelegram(api, c));
      this.telegramCode = null;
      await this.telegram.load();
    });
  }

  private async telegramAction(work: () => Promise<void>): Promise<void> {
    if (this.telegramBusy) return;
    this.telegramBusy = true;
    this.telegramError = null;
    try {
      await work();
    } catch (cause) {
      this.noteFailure(cause);
      this.telegramError = cause;
    } finally {
      this.telegramBusy = false;
    }
  }
}

/** The bot's link, only if it is a Telegram one (it comes from the server, but a link is a link). */
const safeTelegramLink = (link: string): boolean => /^(https:\/\/t\.me\/|tg:\/\/)/.test(link);
