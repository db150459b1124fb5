// The process entry of the `switchboard` command; cli.ts stays importable by tests.
import { main } from './cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    // `start` resolves only after the station stopped; other commands end here.
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`switchboard: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
