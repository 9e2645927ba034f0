import { describe, expect, it } from "vitest";
import { describeError } from "../../src/i18n/index.js";
import { supportMessages, supportStrings } from "../../src/i18n/support.js";
import { CabinetApiError } from "../../src/runtime/api-client.js";
// The Russian strings are a chunk of their own, fetched on demand: loaded here for the checks.
import "../../src/i18n/russian.js";

describe("support's strings", () => {
  it("has every key English has in Russian", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(supportMessages.ru).sort()).toEqual(keys(supportMessages.en).sort());
  });

  it("counts support's things right in Russian", () => {
    const { ru } = supportMessages;
    expect([1, 3, 5, 21].map(ru.tickets.shown)).toEqual(["Показано 1 обращение", "Показано 3 обращения", "Показано 5 обращений", "Показано 21 обращение"]);
    expect([0, 1, 2, 5].map(ru.notifications.bell)).toEqual([
      "Уведомления",
      "Уведомления, 1 непрочитанное",
      "Уведомления, 2 непрочитанных",
      "Уведомления, 5 непрочитанных",
    ]);
    expect(ru.support.attachmentsHint(5, "10 МБ")).toBe("До 5 файлов, каждый не больше 10 МБ.");
    expect(ru.ticket.rating(2)).toBe("2 звезды");
  });

  it("explains the attachment errors in the widget's language, and still the common ones", () => {
    const tooLarge = new CabinetApiError("CAB_ERR_ATTACHMENT_TOO_LARGE", "The attachment is larger than 10000000 bytes.", 413);
    expect(describeError(supportStrings("en"), tooLarge)).toBe("A file is too large.");
    expect(describeError(supportStrings("ru"), tooLarge)).toBe("Файл слишком большой.");
    const limited = new CabinetApiError("CAB_ERR_RATE_LIMITED", "Too many messages.", 429, { retryAfterSeconds: 90 });
    expect(describeError(supportStrings("en"), limited)).toBe("Too many attempts. Please try again in 2 min.");
  });
});
