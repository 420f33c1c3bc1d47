/**
 * The ending of a one-shot bench script: prints the report its main resolved with and exits 0, or
 * prints the error and exits 1. Exiting explicitly ends the run even when a pool or a child process
 * handle is still open.
 */
export function printReportAndExit(report: Promise<string>): void {
  report.then(
    (text) => {
      process.stdout.write(`${text}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
