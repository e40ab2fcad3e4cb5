/** A problem with the user's input (file, columns, options) rather than a bug: shown as-is, without a stack. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
