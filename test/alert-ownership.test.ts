/**
 * A team that owns alerts or SLOs by name (`alerting.teams[].alerts`, `.slos`) gets them only if
 * the name is spelled as the rules spell it: otherwise the alert silently goes to another team.
 * The build holds those names against the alerts its rules define.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, type ProjectCopy } from '../tools/project-copy.js';

const OWNED = "alerts: ['SlowDatabaseQueries', 'DatabasePoolExhausted'],";

describe('alert and SLO names a team owns', () => {
  let p: ProjectCopy;
  let config: string;
  const owning = (line: string) => writeFileSync(path.join(p.dir, 'dac.config.ts'), config.replace(OWNED, line));
  beforeAll(() => {
    p = copyProject('dac-alert-owners-');
    config = readFileSync(path.join(p.dir, 'dac.config.ts'), 'utf8');
    expect(config).toContain(OWNED);
  });
  afterAll(() => p.remove());

  it('are accepted as the built-in example spells them', () => {
    const r = p.dac('build');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('config/alerting');
  });

  it('refuse a misspelt alert or SLO name, located in the config, with the name the rules define', () => {
    const before = p.outDigest();
    owning("alerts: ['SlowDatabaseQuery', 'databasepoolexhausted'], slos: ['availabilty'],");
    const r = p.dac('build');
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain(
      [
        'error dac.config.ts › alerting › team database › alerts › SlowDatabaseQuery',
        '  no rule defines the alert "SlowDatabaseQuery": did you mean "SlowDatabaseQueries"? [config/alerting]',
        "  fix: write 'SlowDatabaseQueries': as it is, its alerts go to the team that owns their service, or to the default team",
      ].join('\n'),
    );
    expect(out).toContain('no rule defines the alert "databasepoolexhausted": did you mean "DatabasePoolExhausted"?');
    expect(out).toContain('error dac.config.ts › alerting › team database › slos › availabilty');
    expect(out).toContain('no rule defines the SLO "availabilty": did you mean "availability"?');
    expect(out).toContain('3 errors; out/ was left unchanged.');
    expect(p.outDigest()).toEqual(before); // nothing written
  });

  it('warn about a name no dac rule comes near (an alert of rules dac does not build), and build', () => {
    owning("alerts: ['SlowDatabaseQueries', 'DatabasePoolExhausted', 'KubePodCrashLooping'],");
    const r = p.dac('build');
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain(
      [
        'warning dac.config.ts › alerting › team database › alerts › KubePodCrashLooping',
        '  no rule dac builds defines the alert "KubePodCrashLooping", so the team gets it only from rules dac does not build [config/alerting]',
      ].join('\n'),
    );
    expect(out).toMatch(/fix: if the name is dac's, correct it; the alerts dac's rules define are .*HighLatency/);
    expect(out).not.toContain('did you mean');
  });
});
