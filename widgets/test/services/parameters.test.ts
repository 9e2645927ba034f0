import { describe, expect, it } from "vitest";
import { servicesStrings } from "../../src/i18n/services.js";
import type { ParameterDef } from "../../src/runtime/api-types.js";
import { choiceKey, defaultsOf, firstProblem, formatParameter, parameterProblem, problemMessage, withDefaults } from "../../src/services/parameters.js";
// The Russian strings are a chunk of their own, fetched on demand: loaded here for the checks.
import "../../src/i18n/russian.js";

const usd = (amount: number) => ({ amount, currency: "USD" });
const disk: ParameterDef = { key: "disk", label: "Disk", kind: "integer", min: 20, max: 2000, step: 10, default: 80, unit: "GB", unitPrice: usd(5) };
const os: ParameterDef = {
  key: "os",
  label: "OS image",
  kind: "enum",
  default: "debian-12",
  options: [
    { value: "debian-12", label: "Debian 12", price: usd(0) },
    { value: "alma-9", label: "AlmaLinux 9", price: usd(300) },
  ],
};
const backups: ParameterDef = { key: "backups", label: "Daily backups", kind: "boolean", default: false, price: usd(300) };
const defs = [disk, os, backups];

describe("parameters", () => {
  it("start at their defaults and keep only the product's keys, in the product's order", () => {
    expect(defaultsOf(defs)).toEqual({ disk: 80, os: "debian-12", backups: false });
    const values = withDefaults(defs, { backups: true, legacy: 1, disk: 40 });
    expect(values).toEqual({ disk: 40, os: "debian-12", backups: true });
    expect(Object.keys(values)).toEqual(["disk", "os", "backups"]);
  });

  it("check an integer's range and step from the minimum, and the type of every value", () => {
    expect([20, 30, 2000, 25, 10, 2010, 40.5, Number.NaN].map((v) => parameterProblem(disk, v))).toEqual([
      null,
      null,
      null,
      "range",
      "range",
      "range",
      "range",
      "range",
    ]);
    expect(parameterProblem(disk, "40")).toBe("range");
    expect(parameterProblem(os, "alma-9")).toBeNull();
    expect(parameterProblem(os, "windows")).toBe("invalid");
    expect(parameterProblem(backups, "true")).toBe("invalid");
    expect(firstProblem(defs, { disk: 80, os: "windows", backups: 1 as unknown as boolean })?.key).toBe("os");
    expect(firstProblem(defs, defaultsOf(defs))).toBeNull();
  });

  it("say a value and a problem in the widget's language", () => {
    const en = servicesStrings("en");
    const ru = servicesStrings("ru");
    expect(formatParameter(en, disk, 1500, "en")).toBe("1,500 GB");
    expect(formatParameter(en, os, "alma-9", "en")).toBe("AlmaLinux 9");
    expect(formatParameter(ru, backups, true, "ru")).toBe("Да");
    expect(formatParameter(en, undefined, "unknown-os", "en")).toBe("unknown-os");
    expect(problemMessage(en, disk, "en")).toBe("Disk: choose from 20 to 2,000, in steps of 10.");
    expect(problemMessage(ru, os, "ru")).toBe("OS image: такое значение недоступно.");
  });

  it("key a choice by its content, so an answer matches only the choice it answers", () => {
    expect(choiceKey("prd_1", 1, { cpu: 2 })).toBe(choiceKey("prd_1", 1, { cpu: 2 }));
    expect(choiceKey("prd_1", 1, { cpu: 2 })).not.toBe(choiceKey("prd_1", 12, { cpu: 2 }));
  });
});
