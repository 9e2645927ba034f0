import { describe } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { listStates, me } from "../../../test/components/mount.js";
import "./cab-documents.js";

const document = {
  id: "doc_1",
  kind: "invoice",
  number: "INV-2026-0001",
  title: "Invoice INV-2026-0001",
  reference: { type: "invoice", id: "inv_1" },
  payerId: null,
  periodFrom: null,
  periodTo: null,
  locale: "en",
  status: "ready",
  failureReason: null,
  templateSha256: "0".repeat(64),
  htmlSha256: "0".repeat(64),
  pdf: { size: 1024, sha256: "0".repeat(64) },
  createdAt: "2026-01-05T10:00:00.000Z",
  renderedAt: "2026-01-05T10:00:01.000Z",
};

describe("<cab-documents>", () => {
  listStates({
    tag: "cab-documents",
    route: "GET /documents",
    items: [document],
    shown: "Invoice INV-2026-0001",
    empty: "You have no documents yet.",
    // The contract it shows above the list.
    routes: { "GET /contracts/current": json(200, { version: "2026-01", accepted: true, acceptedAt: "2026-01-10T10:00:00.000Z", documentId: null }) },
    forbiddenFor: me({ services: ["view"] }),
  });
});
