/** Reading a provider's HTTP answers: shared by provisioning calls and the service panel's. */

/** Reasons are shown to staff and the client: long enough to explain, never a whole error page. */
export const REASON_LIMIT = 500;
/** A provider's answer is a small JSON object; more than this is not read. */
export const ANSWER_LIMIT = 64 * 1024;

export const truncate = (text: string) => (text.length > REASON_LIMIT ? `${text.slice(0, REASON_LIMIT - 1)}…` : text);

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export async function readAnswer(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= ANSWER_LIMIT) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
/** The provider's own words for a refusal: `reason`, `error.message` or `message`, else the text itself. */

export function reasonIn(answer: unknown, text: string): string {
  if (isObject(answer)) {
    if (typeof answer.reason === "string") return answer.reason;
    if (isObject(answer.error) && typeof answer.error.message === "string") return answer.error.message;
    if (typeof answer.message === "string") return answer.message;
  }
  return text.trim();
}
