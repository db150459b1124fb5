// Every operation of the contract, by name (a unit test holds this table to contract.ts).
import type { OpRun } from './kit.js';
import { sendOperations } from './send.js';
import { statusOperations } from './status.js';
import { directoryOperations } from './directory.js';
import { mailingOperations } from './mailing.js';
import { accountOperations } from './account.js';

export const RUNS: Readonly<Record<string, OpRun>> = {
  ...sendOperations,
  ...statusOperations,
  ...directoryOperations,
  ...mailingOperations,
  ...accountOperations,
};
