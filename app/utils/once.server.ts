import { createHash } from "node:crypto";
import { data, redirect } from "react-router";
import { db } from "~/db/db.server";
import { isUniqueViolation } from "~/utils/domain-error";

/** The hidden field every create form carries (the `FormKey` component), from the root's data. */
export const FORM_KEY_FIELD = "formKey";

/**
 * Which form was sent: its address and everything in it but the key. A resend is the same form
 * again; another form of the same page (a reply in another thread) sent with the same key is not.
 */
function formIdentity(request: Request, formData: FormData): string {
  const hash = createHash("sha256").update(new URL(request.url).pathname);
  const entries = [...formData.entries()].filter(([name]) => name !== FORM_KEY_FIELD).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of entries) hash.update(`\0${name}\0${typeof value === "string" ? value : `${value.name}\0${value.size}`}`);
  return hash.digest("hex");
}

// Keys are kept a day: a resend comes within seconds or minutes, never a day later.
const KEEP_MS = 24 * 60 * 60 * 1000;
// How long a second sending waits for the first one's answer before it is told to reload.
const WAIT_MS = 10_000;

type Answer = { status: number; location: string } | { status: number; data: unknown };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

/** What an action answered, to store: a redirect, or data; null when it refused (nothing to keep). */
function toAnswer(result: unknown): Answer | null {
  if (result instanceof Response) {
    const location = result.headers.get("location");
    return result.status >= 300 && result.status < 400 && location ? { status: result.status, location } : null;
  }
  if (isDataWithInit(result)) {
    const status = result.init?.status ?? 200;
    return status < 300 ? { status, data: result.data } : null;
  }
  return { status: 200, data: result };
}

function replay(answer: Answer) {
  return "location" in answer ? redirect(answer.location, answer.status) : data(answer.data, { status: answer.status });
}

/**
 * Runs a create action once per form key: the same form sent again (a double click, a resend
 * after a timeout) gets the first sending's answer and creates nothing. A refused sending frees the
 * key, so the corrected form can be sent with it. Scripts that send no key create every time.
 *
 * Not in the create's own transaction: if the process stops between the create and storing its
 * answer, a resend is told to reload the page rather than creating a second time.
 */
export async function createOnce<T>(request: Request, formData: FormData, userId: string, create: () => Promise<T>): Promise<T> {
  const key = formData.get(FORM_KEY_FIELD);
  if (typeof key !== "string" || !uuid.test(key)) return create();
  const action = formIdentity(request, formData);
  const until = Date.now() + WAIT_MS;
  let claimed = await claim(userId, key, action);
  while (!claimed) {
    const earlier = await db.formSubmission.findUnique({ where: { userId_key_action: { userId, key, action } }, select: { answer: true } });
    // The replayed answer has the shape the first sending's had: a redirect or the same data.
    if (earlier?.answer) return replay(earlier.answer as Answer) as T;
    if (earlier && Date.now() > until) throw data({ message: "errors:submissionPending" }, { status: 409 });
    // Still being handled: wait for its answer. Refused meanwhile (the key is free again): try this one.
    if (earlier) await new Promise((resolve) => setTimeout(resolve, 100));
    claimed = earlier ? null : await claim(userId, key, action);
  }
  let result: T;
  try {
    result = await create();
  } catch (error) {
    await db.formSubmission.delete({ where: { id: claimed } });
    throw error;
  }
  const answer = toAnswer(result);
  if (answer) await db.formSubmission.update({ where: { id: claimed }, data: { answer: JSON.parse(JSON.stringify(answer)) as object } });
  else await db.formSubmission.delete({ where: { id: claimed } });
  return result;
}

async function claim(userId: string, key: string, action: string): Promise<string | null> {
  await db.formSubmission.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_MS) } } });
  try {
    return (await db.formSubmission.create({ data: { userId, key, action }, select: { id: true } })).id;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
