import { describe, expect, it } from "vitest";
// The core's one list of the actions it writes to the audit log (a plain module, no dependencies).
import { auditActions } from "../../core/src/modules/audit/audit-actions.js";
import { accessMessages } from "../src/i18n/access.js";
// The Russian strings are a chunk of their own, fetched on demand: loaded here for the checks.
import "../src/i18n/russian.js";

describe("<cab-audit>'s action labels", () => {
  it("name every action the core writes, in English and Russian, and nothing else", () => {
    for (const locale of ["en", "ru"] as const) {
      const labels = accessMessages[locale].audit.actions;
      expect(
        auditActions.filter((action) => !labels[action]?.trim()),
        locale,
      ).toEqual([]);
      expect(
        Object.keys(labels).filter((action) => !(auditActions as readonly string[]).includes(action)),
        locale,
      ).toEqual([]);
    }
    // Russian is not English copied.
    expect(auditActions.filter((action) => accessMessages.ru.audit.actions[action] === accessMessages.en.audit.actions[action])).toEqual([]);
  });
});
