import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKENS } from "../../src/index.js";
import type { TicketReplies } from "../../src/extension-points/services/ticket-replies.js";
import { TicketFloodLimiter } from "../../src/modules/support/ticket-flood-limiter.js";
import { DepartmentRepository } from "../../src/modules/support/department.repository.js";
import { addMember } from "../support/account-helpers.js";
import { signInStaff, warmPool } from "../support/staff-helpers.js";
import { fetchBytes, openTicket, PNG, fewestQueries, sendMultipart, startSupportCabinet, type SupportCabinet } from "../support/ticket-helpers.js";
import { addBrand, type TestCabinet } from "../support/test-cabinet.js";

const DAY = 86_400_000;

let support: SupportCabinet;
let t: TestCabinet;
let departments: SupportCabinet["departments"];
let events: SupportCabinet["events"];

beforeAll(async () => {
  support = await startSupportCabinet({ reopenPeriodDays: 3 });
  ({ t, departments, events } = support);
  await addBrand(t, "other");
});
afterAll(() => support.close());

const eventsOf = (ticketId: string) => events.filter((e) => e.payload.ticketId === ticketId);

describe("the staff ticket API", () => {
  it("lists the brand's tickets filtered by status, department and assignee; another brand's staff see none of them", async () => {
    const client = await t.signUp();
    const technical = await openTicket(t, client.token, departments.technical, { subject: "Technical one" });
    const billing = await openTicket(t, client.token, departments.billing, { subject: "Billing one" });
    const staff = await signInStaff(t, "support");
    const colleague = await signInStaff(t, "admin");
    const list = async (query: string, token = staff.token) => {
      const response = await t.request("GET", `/api/v1/staff/tickets${query}`, { token });
      expect(response.status).toBe(200);
      return (response.body.items as { id: string }[]).map((i) => i.id).filter((id) => id === technical.id || id === billing.id);
    };
    expect(await list("")).toEqual([billing.id, technical.id]);
    // One query for the page however long it is: the same count for one more ticket.
    const before = await fewestQueries(t, () => t.request("GET", "/api/v1/staff/tickets", { token: staff.token }));
    await openTicket(t, client.token, departments.sales, { subject: "One more" });
    const after = await fewestQueries(t, () => t.request("GET", "/api/v1/staff/tickets", { token: staff.token }));
    expect(after, JSON.stringify({ before, after })).toHaveLength(before.length);
    expect(after.filter((q) => /tickets/.test(q))).toHaveLength(1);
    expect(await list(`?departmentId=${departments.billing}`)).toEqual([billing.id]);
    expect(await list("?status=open")).toEqual([billing.id, technical.id]);

    const assigned = await t.request("PATCH", `/api/v1/staff/tickets/${technical.id}`, { token: staff.token, body: { assigneeId: staff.staffId } });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ assigneeId: staff.staffId, status: "awaiting_staff", accountId: client.accountId }); // taking it moves it on
    expect(await list("?assignee=me")).toEqual([technical.id]);
    expect(await list(`?assignee=${staff.staffId}`, colleague.token)).toEqual([technical.id]);
    expect(await list("?assignee=me", colleague.token)).toEqual([]);
    expect(await list("?assignee=none")).toEqual([billing.id]);
    expect(await list("?status=awaiting_staff")).toEqual([technical.id]);
    expect((await t.request("GET", "/api/v1/staff/tickets?assignee=everyone", { token: staff.token })).status).toBe(400);

    const outsider = await signInStaff(t, "admin", "other");
    expect((await t.request("GET", "/api/v1/staff/tickets", { token: outsider.token })).body.items).toEqual([]);
    for (const [method, path, body] of [
      ["GET", `/api/v1/staff/tickets/${technical.id}`, undefined],
      ["PATCH", `/api/v1/staff/tickets/${technical.id}`, { status: "closed" }],
      ["POST", `/api/v1/staff/tickets/${technical.id}/messages`, { body: "hi" }],
    ] as const) {
      const response = await t.request(method, path, { token: outsider.token, body });
      expect(response.status).toBe(404);
    }
    // A client's token is not a staff token.
    expect((await t.request("GET", "/api/v1/staff/tickets", { token: client.token })).status).toBe(401);
  });

  it("refuses to assign another brand's staff member or move a ticket to another brand's department (422)", async () => {
    const client = await t.signUp();
    const ticket = await openTicket(t, client.token, departments.technical);
    const staff = await signInStaff(t, "support");
    const outsider = await signInStaff(t, "support", "other");
    const otherBrand = (
      await t.cabinet.container
        .resolve(DepartmentRepository)
        .ensure((await t.cabinet.db("brands").where({ slug: "other" }).first()).id, [{ code: "x", name: "X" }], t.clock.now())
    )[0];
    const foreignAssignee = await t.request("PATCH", `/api/v1/staff/tickets/${ticket.id}`, { token: staff.token, body: { assigneeId: outsider.staffId } });
    expect(foreignAssignee.status).toBe(422);
    expect(foreignAssignee.body.error.details.field).toBe("assigneeId");
    const foreignDepartment = await t.request("PATCH", `/api/v1/staff/tickets/${ticket.id}`, { token: staff.token, body: { departmentId: otherBrand.id } });
    expect(foreignDepartment.body.error.details.field).toBe("departmentId");
    const moved = await t.request("PATCH", `/api/v1/staff/tickets/${ticket.id}`, { token: staff.token, body: { departmentId: departments.sales } });
    expect(moved.body.department).toEqual({ id: departments.sales, name: "Sales" });
    const unassigned = await t.request("PATCH", `/api/v1/staff/tickets/${ticket.id}`, { token: staff.token, body: { assigneeId: null } });
    expect(unassigned.body.assigneeId).toBeNull();
    expect((await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token: client.token })).body.department.name).toBe("Sales");
  });

  it("replies reach the client and raise ticket.replied; internal notes and their files stay with staff and raise nothing", async () => {
    const client = await t.signUp();
    const ticket = await openTicket(t, client.token, departments.technical);
    const staff = await signInStaff(t, "support");
    const note = await sendMultipart(
      t,
      `/api/v1/staff/tickets/${ticket.id}/messages`,
      staff.token,
      { body: "Client's VPS is on **node 7**", internal: "true" },
      [{ name: "node7.png", data: PNG }],
    );
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      internal: true,
      author: { kind: "staff", id: staff.staffId },
      bodyHtml: "<p>Client&#39;s VPS is on <strong>node 7</strong></p>",
    });
    const noteFile = note.body.attachments[0].id;
    expect(eventsOf(ticket.id).map((e) => e.name)).toEqual(["ticket.opened"]);

    const seen = (await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token: client.token })).body;
    expect(seen.messages).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain("node 7");
    expect(seen.status).toBe("open");
    expect((await t.request("GET", `/api/v1/tickets/${ticket.id}/attachments/${noteFile}`, { token: client.token })).status).toBe(404);
    const staffDownload = await fetchBytes(t, `/api/v1/staff/tickets/${ticket.id}/attachments/${noteFile}`, staff.token);
    expect(staffDownload.status).toBe(200);
    expect(staffDownload.data.equals(PNG)).toBe(true);

    t.clock.advance(1000);
    const reply = await t.request("POST", `/api/v1/staff/tickets/${ticket.id}/messages`, { token: staff.token, body: { body: "We moved your VPS." } });
    expect(reply.status).toBe(201);
    expect(reply.body.internal).toBe(false);
    expect(eventsOf(ticket.id)).toContainEqual({
      name: "ticket.replied",
      payload: { brandId: expect.any(String), accountId: client.accountId, ticketId: ticket.id, messageId: reply.body.id, author: "staff" },
    });
    expect(eventsOf(ticket.id).filter((e) => e.name === "ticket.replied")).toHaveLength(1);

    const after = (await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token: client.token })).body;
    expect(after.status).toBe("awaiting_client");
    expect(after.messages.map((m: { author: object }) => m.author)).toEqual([
      { kind: "client", name: "Test Client" },
      { kind: "staff", name: expect.stringMatching(/^Staff/) },
    ]);
    expect(after.messages[1]).not.toHaveProperty("internal");

    const clientReply = await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token: client.token, body: { body: "Thanks" } });
    expect(eventsOf(ticket.id).at(-1)).toEqual({
      name: "ticket.replied",
      payload: expect.objectContaining({ messageId: clientReply.body.id, author: "client" }),
    });

    const full = (await t.request("GET", `/api/v1/staff/tickets/${ticket.id}`, { token: staff.token })).body;
    expect(full.messages.map((m: { internal: boolean }) => m.internal)).toEqual([false, true, false, false]);
    expect(full.status).toBe("awaiting_staff");
  });

  it("closing by staff raises ticket.closed and starts the client's reopen period; a staff reply to a closed ticket reopens it", async () => {
    const client = await t.signUp();
    const ticket = await openTicket(t, client.token, departments.technical);
    const staff = await signInStaff(t, "support");
    const closed = await t.request("PATCH", `/api/v1/staff/tickets/${ticket.id}`, { token: staff.token, body: { status: "closed" } });
    expect(closed.body).toMatchObject({ status: "closed", closedAt: new Date(t.clock.now()).toISOString() });
    expect(eventsOf(ticket.id).map((e) => e.name)).toEqual(["ticket.opened", "ticket.closed"]);
    t.clock.advance(4 * DAY);
    expect((await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token: client.token, body: { body: "Hello?" } })).status).toBe(409);
    const later = await signInStaff(t, "support"); // staff sessions are shorter than that
    const reply = await t.request("POST", `/api/v1/staff/tickets/${ticket.id}/messages`, {
      token: later.token,
      body: { body: "Sorry, we closed it too early." },
    });
    expect(reply.status).toBe(201);
    const reopened = (await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token: client.token })).body;
    expect(reopened).toMatchObject({ status: "awaiting_client", canReply: true, canReopenUntil: null });
  });
});

describe("closing a ticket from both sides at once", () => {
  it("closes it once and announces it once", async () => {
    const client = await t.signUp();
    const staff = await signInStaff(t, "support");
    await warmPool(t);
    for (let round = 0; round < 3; round++) {
      const ticket = await openTicket(t, client.token, departments.technical);
      const answers = await Promise.all([
        t.request("PATCH", `/api/v1/staff/tickets/${ticket.id}`, { token: staff.token, body: { status: "closed" } }),
        t.request("POST", `/api/v1/tickets/${ticket.id}/close`, { token: client.token }),
        t.request("POST", `/api/v1/tickets/${ticket.id}/close`, { token: client.token }),
      ]);
      expect(answers.map((r) => r.body.status)).toEqual(["closed", "closed", "closed"]);
      expect(eventsOf(ticket.id).filter((e) => e.name === "ticket.closed")).toHaveLength(1);
    }
  });
});

describe("a brand's attachment limits", () => {
  it("are the config's until an admin sets the brand's own, which then apply to its clients only", async () => {
    const admin = await signInStaff(t, "admin");
    const before = await t.request("GET", "/api/v1/staff/support/settings", { token: admin.token });
    expect(before.body).toEqual({
      attachmentMaxBytes: null,
      attachmentsPerMessage: null,
      effective: { attachmentMaxBytes: 10_000_000, attachmentsPerMessage: 5 },
    });
    const supportStaff = await signInStaff(t, "support");
    expect(
      (await t.request("PUT", "/api/v1/staff/support/settings", { token: supportStaff.token, body: { attachmentMaxBytes: 2048, attachmentsPerMessage: 1 } }))
        .status,
    ).toBe(403);
    expect(
      (await t.request("PUT", "/api/v1/staff/support/settings", { token: admin.token, body: { attachmentMaxBytes: 10, attachmentsPerMessage: 1 } })).status,
    ).toBe(400);

    const set = await t.request("PUT", "/api/v1/staff/support/settings", { token: admin.token, body: { attachmentMaxBytes: 2048, attachmentsPerMessage: 1 } });
    expect(set.body).toEqual({ attachmentMaxBytes: 2048, attachmentsPerMessage: 1, effective: { attachmentMaxBytes: 2048, attachmentsPerMessage: 1 } });
    const client = await t.signUp();
    const ticket = await openTicket(t, client.token, departments.technical);
    const two = await sendMultipart(t, `/api/v1/tickets/${ticket.id}/messages`, client.token, { body: "two" }, [
      { name: "a.png", data: PNG },
      { name: "b.png", data: PNG },
    ]);
    expect(two.body.error).toMatchObject({ code: "CAB_ERR_TOO_MANY_ATTACHMENTS", details: { limit: 1 } });
    const big = await sendMultipart(t, `/api/v1/tickets/${ticket.id}/messages`, client.token, { body: "big" }, [
      { name: "a.txt", data: Buffer.alloc(2049, "a") },
    ]);
    expect(big.body.error).toMatchObject({ code: "CAB_ERR_ATTACHMENT_TOO_LARGE", details: { limitBytes: 2048 } });
    // Another brand keeps the defaults.
    const outsider = await signInStaff(t, "admin", "other");
    expect((await t.request("GET", "/api/v1/staff/support/settings", { token: outsider.token })).body.effective).toEqual({
      attachmentMaxBytes: 10_000_000,
      attachmentsPerMessage: 5,
    });

    await t.request("PUT", "/api/v1/staff/support/settings", { token: admin.token, body: { attachmentMaxBytes: null, attachmentsPerMessage: null } });
    const again = await sendMultipart(t, `/api/v1/tickets/${ticket.id}/messages`, client.token, { body: "two" }, [
      { name: "a.png", data: PNG },
      { name: "b.png", data: PNG },
    ]);
    expect(again.status).toBe(201);
  });
});

describe("TOKENS.TicketReplies", () => {
  it("adds a client's message from outside the API under the API's rules", async () => {
    const replies = t.cabinet.container.resolve<TicketReplies>(TOKENS.TicketReplies);
    const client = await t.signUp();
    const ticket = await openTicket(t, client.token, departments.technical);

    const added = await replies.replyAsClient({ userId: client.userId, ticketId: ticket.id, body: "Replying from Telegram <b>bold</b>" });
    expect(added).toEqual({ status: "added", messageId: expect.stringMatching(/^tmsg_/) });
    const messages = (await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token: client.token })).body.messages;
    expect(messages.at(-1)).toMatchObject({
      id: (added as { messageId: string }).messageId,
      bodyHtml: "<p>Replying from Telegram &lt;b&gt;bold&lt;/b&gt;</p>",
    });
    expect(eventsOf(ticket.id).at(-1)).toEqual({ name: "ticket.replied", payload: expect.objectContaining({ author: "client" }) });

    const finance = await addMember(t, client.accountId, ["finance"]);
    expect(await replies.replyAsClient({ userId: finance.userId, ticketId: ticket.id, body: "hi" })).toEqual({ status: "refused", reason: "forbidden" });
    const stranger = await t.signUp();
    expect(await replies.replyAsClient({ userId: stranger.userId, ticketId: ticket.id, body: "hi" })).toEqual({ status: "refused", reason: "not_found" });
    expect(await replies.replyAsClient({ userId: "usr_0000000000000000000000", ticketId: ticket.id, body: "hi" })).toEqual({
      status: "refused",
      reason: "unknown_user",
    });
    expect(await replies.replyAsClient({ userId: client.userId, ticketId: ticket.id, body: "  " })).toEqual({ status: "refused", reason: "empty_message" });

    await t.request("POST", `/api/v1/tickets/${ticket.id}/close`, { token: client.token });
    t.clock.advance(3 * DAY + 1);
    expect(await replies.replyAsClient({ userId: client.userId, ticketId: ticket.id, body: "too late" })).toEqual({
      status: "refused",
      reason: "ticket_closed",
    });
  });
});

describe("the flood limit", () => {
  it("is shared by every core process through Redis", async () => {
    const prefix = `cabinet-test-support-tickets-${Date.now()}`;
    const connections = [new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 2 }), new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 2 })];
    try {
      const [one, two] = connections.map(
        (redis) => new TicketFloodLimiter({ open: { points: 2, durationSeconds: 60 }, message: { points: 3, durationSeconds: 60 } }, redis, prefix),
      );
      await one.admitOpen("usr_a");
      await two.admitOpen("usr_a");
      await expect(one.admitOpen("usr_a")).rejects.toMatchObject({ code: "CAB_ERR_RATE_LIMITED" });
      await expect(two.admitOpen("usr_b")).resolves.toBeUndefined(); // per user
      for (let i = 0; i < 3; i++) await (i % 2 ? one : two).admitMessage("usr_a"); // messages count apart from openings
      await expect(two.admitMessage("usr_a")).rejects.toMatchObject({ code: "CAB_ERR_RATE_LIMITED", status: 429 });
    } finally {
      for (const redis of connections) redis.disconnect();
    }
  });
});
