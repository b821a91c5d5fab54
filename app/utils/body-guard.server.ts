// Request bodies an action can read (issue #10 finding 6). Every action reads an HTML form:
// application/x-www-form-urlencoded or multipart/form-data. Anything else (JSON, XML, text, no
// type) is a 415, and a form body that cannot be parsed (broken multipart, cut-off upload) is a
// 400, both with a message the error page shows, instead of the 500 that request.formData()
// used to throw. Applied once to the whole server build (server/app.ts guardServerBuild), so a
// new route is covered without doing anything. No route accepts another kind of body today; one
// that must (a webhook, a JSON API) would be listed in BODY_TYPES_BY_ROUTE.
import type { ServerBuild } from "@remix-run/node";
import { httpError } from "./http.server";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
/** Route id → the media types its action accepts instead of a form (none today). */
const BODY_TYPES_BY_ROUTE: Record<string, ReadonlySet<string>> = {};

function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").replace(/;.*$/s, "").trim().toLowerCase();
}

function isThrownResponse(error: unknown): boolean {
  return (
    error instanceof Response ||
    (typeof error === "object" && error !== null && (error as { type?: unknown }).type === "DataWithResponseInit")
  );
}

/** The request, with formData() answering 400 (not a TypeError, i.e. a 500) for a body it cannot parse. */
function withGuardedFormData(request: Request): Request {
  const read = request.formData.bind(request);
  Object.defineProperty(request, "formData", {
    configurable: true,
    value: async () => {
      try {
        return await read();
      } catch (error) {
        if (isThrownResponse(error)) throw error;
        httpError(400, "error.bodyMalformed");
      }
    },
  });
  return request;
}

type ActionArgs = { request: Request };

/** Wraps one route's action: refuses a body that is not a form, guards its parsing. */
export function guardAction<A extends (args: never) => unknown>(action: A, routeId = ""): A {
  const guarded = (args: ActionArgs) => {
    const type = mediaType(args.request);
    if (!FORM_TYPES.has(type) && !BODY_TYPES_BY_ROUTE[routeId]?.has(type)) httpError(415, "error.bodyType");
    return (action as unknown as (args: ActionArgs) => unknown)({
      ...args,
      request: withGuardedFormData(args.request),
    });
  };
  return guarded as unknown as A;
}

/** The server build with every route's action guarded (see the file's head comment). */
export function guardServerBuild(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const action = route.module.action;
    routes[id] = action ? { ...route, module: { ...route.module, action: guardAction(action, id) } } : route;
  }
  return { ...build, routes };
}
