import { describe, expect, it } from "vitest";
import { servicesStrings } from "../../src/i18n/services.js";
import { CabinetApiError } from "../../src/runtime/api-client.js";
import { describeReason, describeServiceError, invalidParameter } from "../../src/services/describe.js";
// The Russian strings are a chunk of their own, fetched on demand: loaded here for the checks.
import "../../src/i18n/russian.js";

const en = servicesStrings("en");
const ru = servicesStrings("ru");

describe("a disabled action's reason", () => {
  it("is said from the server's machine code, with the status in the widget's words", () => {
    expect(describeReason(en, "status:pending_payment")).toBe("Not possible while the service is “Awaiting payment”.");
    expect(describeReason(ru, "status:cancelled")).toBe("Недоступно, пока услуга в статусе «Отменена».");
    expect(describeReason(en, "permission:services")).toBe("You need the services permission to do this.");
    expect(describeReason(en, "product:retired")).toBe("This product is no longer offered.");
    expect(describeReason(en, "status:no_such_status")).toBe("Not possible while the service is “no_such_status”.");
    expect(describeReason(en, "something-new")).toBe(en.svc.reason.other);
    expect(describeReason(en, null)).toBe(en.svc.reason.other);
  });
});

describe("the services' errors", () => {
  it("are said in the widget's language, a 409 with the current status", () => {
    const illegal = new CabinetApiError("CAB_ERR_ILLEGAL_TRANSITION", "Illegal transition", 409, { status: "cancelled" });
    expect(describeServiceError(en, illegal)).toBe("Not possible while the service is “Cancelled”.");
    expect(describeServiceError(ru, new CabinetApiError("CAB_ERR_PERIOD_NOT_OFFERED", "x", 422))).toBe("Этот срок оплаты для продукта недоступен.");
    expect(describeServiceError(en, new CabinetApiError("CAB_ERR_PRODUCT_UNAVAILABLE", "x", 422))).toBe("This product is no longer offered.");
    expect(describeServiceError(en, new CabinetApiError("CAB_ERR_NETWORK", "x", 0))).toBe(en.errors.CAB_ERR_NETWORK);
    expect(describeServiceError(en, new CabinetApiError("CAB_ERR_SOMETHING_NEW", "The server's words", 400))).toBe("The server's words");
  });

  it("name the parameter a 422 names", () => {
    expect(invalidParameter(new CabinetApiError("CAB_ERR_INVALID_PARAMETER", "x", 422, { parameter: "cpu" }))).toBe("cpu");
    expect(invalidParameter(new CabinetApiError("CAB_ERR_VALIDATION", "x", 400, { parameter: "cpu" }))).toBeNull();
    expect(invalidParameter(new Error("x"))).toBeNull();
  });
});
