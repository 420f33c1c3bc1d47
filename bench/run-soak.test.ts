import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `npm run bench:soak` with a duration short enough for CI: it runs, reports a slope, and ends. */
describe('bench:soak, short', () => {
  it('soaks the compiled gateway for a few seconds and reports the RSS trend', { timeout: 180_000 }, async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'bench/run-soak.ts', '--duration-s', '4', '--warmup-s', '1', '--rate', '40', '--max-growth-mb', '1000'],
        { cwd: ROOT, timeout: 170_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${out}\n${err}`)) : resolve(out)),
      );
    });
    const row = /\n\| (\d+) \| (\d+) \| (\d+) \| \d+ \| \d+ \| (-?[\d.]+) \| (-?[\d.]+) \| (\d+) \| (\d+) \| (\d+) \|/.exec(stdout);
    assert.ok(row, stdout);
    assert.ok(Number(row[6]) >= 100, `requests sent: ${row[6]}`);
    assert.equal(row[7], '0', 'failed');
    assert.match(stdout, /goal: RSS flat under steady load\.+ MET/);
  });
});
