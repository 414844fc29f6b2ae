// Issue 21, item 12: bank text reached the terminal raw in `check --explain`, `init`, the `fix --check` diff
// and `changes` (OSC 52 writes the clipboard, OSC 0 the window title, ESC[2J clears the screen, backspaces
// hide text), and `changes`' Markdown kept bare autolinks, which break the job summary.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlqBounded, scratch, type BoundedRun } from './support/bounded.js';

const ESCAPES = [
  '\x1b]52;c;ZWNobyBwd25lZA==\x07', // OSC 52: the clipboard
  '\x1b]0;pwned\x07', // OSC 0: the window title
  '\x1b[2J', // clear the screen
  'secret\b\b\b\b\b\b', // backspaces over text
  '\u009b2J', // CSI as one C1 byte
  '\u202eright-to-left', // a bidirectional override
].join('');
/** A heading whose title carries every sequence, and bare autolinks. */
const HOSTILE_TITLE = `What is ${ESCAPES} see https://evil.example/x and www.evil.example or me@evil.example?`;
/** Numbered 1, 3, 4: `mlq fix` has a gap to close, so the diff shows the hostile lines around it. */
const BANK = `# Bank ${ESCAPES}\n\n#### 1) What is bias?\nAn answer.\n\n#### 3) ${HOSTILE_TITLE}\nAnswer ${ESCAPES}.\n\n#### 4) What is a loss?\nA third.\n`;

/** Everything the terminal is sent: no control but tab and line feed, no C1, no bidi override. */
function expectPrintable(run: BoundedRun): void {
  const shown = run.stdout + run.stderr;
  expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
}

describe('bank text on the terminal', () => {
  it('check --explain, fix --check, changes and init show every control as a stand-in', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'README.md'), BANK.replace(/#### 3\) [^\n]*\n[^\n]*\n\n/, ''));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: dir });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'bank');
    writeFileSync(path.join(dir, 'README.md'), BANK);

    const explain = mlqBounded(['check', '--explain', '--source', 'README.md'], { cwd: dir });
    expectPrintable(explain);
    expect(explain.stdout).toContain('title "Bank ␛]52;c;ZWNobyBwd25lZA==␇␛]0;pwned␇␛[2Jsecret␈␈␈␈␈␈�2J�right-to-left"');

    const diff = mlqBounded(['fix', '--check', '--source', 'README.md'], { cwd: dir });
    expect(diff.code).toBe(1);
    expectPrintable(diff);
    expect(diff.stdout).toContain('+#### 2) What is ␛]52;c;');

    const changes = mlqBounded(['changes', '--since', 'HEAD', '--source', 'README.md'], { cwd: dir });
    expect(changes.code).toBe(0);
    expectPrintable(changes);
    // No autolink survives in the Markdown: a zero-width space breaks each, and markup is escaped.
    expect(changes.stdout).toContain('https\\:\u200b\\/\\/evil\\.example\\/x and www\u200b\\.evil\\.example or me\u200b\\@evil\\.example\\?');
    expect(changes.stdout).not.toMatch(/https:\/\/|www\.|\w@\w/);
    const json = mlqBounded(['changes', '--since', 'HEAD', '--source', 'README.md', '--format', 'json'], { cwd: dir });
    expectPrintable(json);
    expect((JSON.parse(json.stdout) as { added: { title: string }[] }).added[0]!.title).toBe(HOSTILE_TITLE);

    const init = mlqBounded(['init'], { cwd: dir });
    expect(init.code).toBe(0);
    expectPrintable(init);
    expect(init.stdout).toContain('README.md: layout');
  });
});
