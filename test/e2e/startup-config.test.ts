import { describe, expect, it } from '@jest/globals';
import { spawnKeepwarm } from '../utils/process.js';

describe('a bad setting stops start-up with one line naming it', () => {
  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'nonsense'],
    ['ROLE', 'xyz'],
    ['REDIS_URL', 'localhost:6379'],
    ['CENTRE_TIMEZONE', 'Mars/Olympus'],
  ])('%s=%s', async (variable, value) => {
    const proc = spawnKeepwarm({ [variable]: value, DATA_DIR: '/nonexistent/never-created' });
    const code = await proc.exited;
    expect(code).not.toBe(0);
    expect(proc.stderr).toHaveLength(1);
    expect(proc.stderr[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(proc.stderr[0]).toContain(value);
    expect(proc.stdout).toEqual([]);
  });

  it('names every bad variable, one line each, and hides passwords in URLs', async () => {
    const proc = spawnKeepwarm({ PORT: 'abc', ROLE: 'xyz', DATABASE_URL: 'mysql://admin:hunter2@db/keepwarm' });
    expect(await proc.exited).not.toBe(0);
    expect(proc.stderr).toHaveLength(3);
    expect(proc.stderr.map((l) => l.split(' ')[2]).sort()).toEqual(['DATABASE_URL', 'PORT', 'ROLE']);
    expect(proc.stderr.join('\n')).not.toContain('hunter2');
  });
});
