/** A mistake in the command line or its values: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
