// The producer's area (/producer/…) is for accounts holding the PRODUCER role: anonymous visitors
// are sent to log in and come back; other signed-in people (organisers, administrators) get a 403
// that tells them where their screens are.
import { isProducer } from "~/modules/access/permissions";
import { requireAuth, type Auth } from "~/modules/auth/auth.server";
import { httpError } from "~/utils/http.server";

export async function requireProducer(request: Request): Promise<Auth> {
  const auth = await requireAuth(request);
  if (!isProducer(auth.roles)) httpError(403, "producers.error.notProducer");
  return auth;
}
