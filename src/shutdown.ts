/**
 * Stops the process once, on the first SIGINT or SIGTERM: logs `<signal>: stopping <what>`, runs the steps
 * one after another, then exits 0, or 1 with the error when a step fails.
 */
export function stopOnSignals(what: string, steps: (() => Promise<unknown>)[]): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${what}`);
    steps
      .reduce<Promise<unknown>>((done, step) => done.then(step), Promise.resolve())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
