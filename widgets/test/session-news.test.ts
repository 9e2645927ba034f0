import { describe, expect, it } from "vitest";
import { SessionNews } from "../src/runtime/session-news.js";

describe("SessionNews", () => {
  it("tells every listener, and no longer one that unsubscribed", () => {
    const news = new SessionNews<string[]>();
    const heard: string[] = [];
    const stopA = news.subscribe((ids) => heard.push(`a:${ids.join(",")}`));
    news.subscribe((ids) => heard.push(`b:${ids.join(",")}`));
    news.notify(["svc_1"]);
    stopA();
    news.notify(["svc_2", "svc_3"]);
    expect(heard).toEqual(["a:svc_1", "b:svc_1", "b:svc_2,svc_3"]);
  });

  it("a listener subscribed while the news goes round hears only the next news", () => {
    const news = new SessionNews<string>();
    const heard: string[] = [];
    let added = false;
    news.subscribe((id) => {
      heard.push(`first:${id}`);
      if (added) return;
      added = true;
      news.subscribe((later) => heard.push(`late:${later}`));
    });
    news.notify("tkt_1");
    news.notify("tkt_2");
    expect(heard).toEqual(["first:tkt_1", "first:tkt_2", "late:tkt_2"]);
  });
});
