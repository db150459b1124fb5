import { SaidError } from '../domain/said.js';

/** A contacts file that cannot be read, with the sentence that says what to do about it. */
export class ContactFileError extends SaidError {
  override readonly name = 'ContactFileError';
}
