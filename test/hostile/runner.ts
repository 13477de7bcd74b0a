/**
 * Runs `dac` on many hostile projects inside one process (dac's own modules load once), as the
 * CLI would: argv in, exit code and everything printed out. Usage: tsx runner.ts <cases.json>
 * where each case is { dir, args, env? }; prints one JSON array of results on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';

interface Case {
  dir: string;
  args: string[];
  env?: Record<string, string>;
}

const [casesFile, resultsFile] = process.argv.slice(2) as [string, string];
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as Case[];
const results: { code: number; stdout: string; stderr: string }[] = [];
const realOut = process.stdout.write.bind(process.stdout);
const realErr = process.stderr.write.bind(process.stderr);
for (const c of cases) {
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  const saved = { ...process.env };
  Object.assign(process.env, { NO_COLOR: '1', ...c.env });
  process.exitCode = undefined;
  let code: number;
  try {
    code = await main(['node', 'dac', '--dir', c.dir, ...c.args]);
  } catch (err) {
    code = 99;
    stderr += `runner: main threw: ${String(err)}`;
  } finally {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
    process.env = saved;
  }
  results.push({ code, stdout, stderr });
}
writeFileSync(resultsFile, JSON.stringify(results));
process.exit(0); // a hostile module may leave timers behind
