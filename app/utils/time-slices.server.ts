// Long work done on the request's thread (an export of thousands of rows) in slices: after each
// step the work asks timeSlicer's pause whether its slice is used up; if so it waits for the event
// loop to go round once (setImmediate: pending I/O and other requests first), then goes on. No
// request then waits more than about a slice behind it (docs/decisions/013-streaming-exports.md).

/** What a long job calls between steps: a promise when it should hand the event loop back. */
export type Pause = () => Promise<void> | undefined;

/** Longest stretch of work between two returns to the event loop, in milliseconds. */
const SLICE_MS = 8;

/**
 * A pause that returns to the event loop (setImmediate: pending I/O first) once the current slice
 * has run SLICE_MS, and costs nothing otherwise: call it after each row.
 */
export function timeSlicer(sliceMs: number = SLICE_MS): Pause {
  let start = performance.now();
  return () => {
    if (performance.now() - start < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        start = performance.now();
        resolve();
      }),
    );
  };
}
