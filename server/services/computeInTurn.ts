// Computations a request starts (a thesis not yet cached, an export) take turns: one at a time,
// each only after the event loop has had a turn, so cached answers and health checks are served
// between them however many are asked for at once. A bounded number may wait; beyond it the
// request gets 503 with Retry-After rather than queueing without limit.
import { ServiceUnavailableError } from "../errors.ts";

/** Computations waiting for their turn, at most: about a second of default-data theses. */
export const MAX_WAITING = 64;

let waiting = 0;
let turn: Promise<unknown> = Promise.resolve();

export function computeInTurn<T>(work: () => T | Promise<T>): Promise<T> {
  if (waiting >= MAX_WAITING) throw new ServiceUnavailableError(`${MAX_WAITING} computations are already waiting: try again shortly`, 1);
  waiting++;
  const run = turn.then(
    () =>
      new Promise<T>((resolve, reject) => {
        setImmediate(() => {
          waiting--;
          Promise.resolve().then(work).then(resolve, reject);
        });
      }),
  );
  turn = run.catch(() => undefined);
  return run;
}
