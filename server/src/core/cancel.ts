// Cooperative cancellation of an analysis: the language server's analysis worker stops the analysis of
// a version the user has already typed over (a flag in shared memory, polled between parse entries and
// between rules). The core stays pure: it only calls the function it is given.

/** Thrown by lintTopology when its `isCancelled()` turned true: the result would have been thrown away. */
export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled: a newer version of the document superseded it');
    this.name = 'AnalysisCancelled';
  }
}

/** Throws AnalysisCancelled when `isCancelled` is given and returns true; costs one call otherwise. */
export function throwIfCancelled(isCancelled: (() => boolean) | undefined): void {
  if (isCancelled?.()) throw new AnalysisCancelled();
}
