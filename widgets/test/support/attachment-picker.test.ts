import { describe, expect, it } from "vitest";
import { CabinetApiError } from "../../src/runtime/api-client.js";
import { AttachmentPicker } from "../../src/support/attachment-picker.js";

const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };

describe("AttachmentPicker", () => {
  it("checks the picked files against the server's limits once it has stated them", () => {
    const picker = new AttachmentPicker(host, () => ({ maxFiles: 5, maxBytes: 10_000_000 }));
    picker.files = [new File(["x".repeat(3000)], "log.txt")];
    expect(picker.problems).toEqual([]);

    picker.learn(new CabinetApiError("CAB_ERR_ATTACHMENT_TOO_LARGE", "An attachment is larger than allowed.", 413, { limitBytes: 2000 }));
    expect(picker.problems).toEqual([{ kind: "too-large", name: "log.txt", maxBytes: 2000 }]);

    picker.learn(new CabinetApiError("CAB_ERR_TOO_MANY_ATTACHMENTS", "There are more attachments than allowed.", 422, { limit: 0 }));
    expect(picker.problems[0]).toEqual({ kind: "too-many", max: 0 });
  });

  it("learns nothing from other failures", () => {
    const picker = new AttachmentPicker(host, () => ({ maxFiles: 1, maxBytes: 100 }));
    picker.learn(new CabinetApiError("CAB_ERR_VALIDATION", "Invalid.", 400, { limitBytes: 1 }));
    picker.learn(new Error("offline"));
    picker.files = [new File(["x".repeat(100)], "a.txt")];
    expect(picker.problems).toEqual([]);
  });
});
