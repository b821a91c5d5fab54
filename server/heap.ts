// How far V8 lets the web process' heap grow past its live data (docs/decisions/055). Under a
// steady stream of requests V8 sizes the old generation at up to four times what survives a full
// collection, and keeps it until the process has been idle for a while: a server whose live heap
// is ~55 MB held 160–180 MB of heap under the public-path load (the bare Remix route, 420 MB).
// A fixed factor of 1 + HEAP_GROWING_PERCENT/100 keeps the heap near its live data for a few more
// (concurrent) collections. V8 reads this flag at each collection, so it takes effect when set at
// start; Node refuses it in NODE_OPTIONS. The young generation's size, which V8 fixes when the
// process starts, is set by NODE_OPTIONS=--max-semi-space-size=8 instead (demo.env, the
// deployment's environment file).
import v8 from "node:v8";

/** Sets V8's heap growing factor for this process; 0 leaves V8's own heuristics. */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
