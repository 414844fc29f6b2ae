// src/cli/terminal.ts: bank text as a terminal, GitHub's Markdown and a JSON reader are shown it. The commands
// that use it are in hostile-terminal.test.ts.
import { describe, expect, it } from 'vitest';
import { markdownText, printable, printableJson, printableLines } from '../src/cli/terminal.js';

/** Every character of a range, as a string. */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)).join('');

describe('printable', () => {
  it('shows C0 controls as control pictures, DEL as ␡, C1 and bidi controls as �', () => {
    expect(printable(range(0, 0x1f))).toBe(range(0x2400, 0x241f));
    expect(printable('\x7f')).toBe('␡');
    expect(printable(range(0x80, 0x9f))).toBe('\ufffd'.repeat(32));
    expect(printable(range(0x202a, 0x202e) + range(0x2066, 0x2069))).toBe('\ufffd'.repeat(9));
    expect(printable('\x1b]52;c;ZXZpbA==\x07')).toBe('␛]52;c;ZXZpbA==␇');
  });

  it('keeps everything else, the neighbours of each range included', () => {
    const kept = ' ~\u00a0é\u2029\u202f\u2065\u206a\u200b😀';
    expect(printable(kept)).toBe(kept);
  });
});

describe('printableLines', () => {
  it('keeps tabs, line feeds and CRLF; a lone CR and every other control are stand-ins', () => {
    expect(printableLines('a\tb\nc\r\nd\re\x1b[2J\x08\x0b\x0c\x0e\x1f\x7f\x85\u202e')).toBe('a\tb\nc\r\nd␍e␛[2J␈␋␌␎␟␡��');
    expect(printableLines(range(0, 8))).toBe(range(0x2400, 0x2408));
  });
});

describe('markdownText', () => {
  it('breaks every autolink with a zero-width space and escapes every ASCII punctuation mark', () => {
    expect(markdownText('see https://evil.example/x, www.evil.example and me@evil.example')).toBe(
      'see https\\:\u200b\\/\\/evil\\.example\\/x\\, www\u200b\\.evil\\.example and me\u200b\\@evil\\.example',
    );
    expect(markdownText('WWW.Example and http:x')).toBe('WWW\u200b\\.Example and http\\:x');
    const punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
    expect(markdownText(punctuation)).toBe(punctuation.replace(/./g, (c) => `${c === '@' ? '\u200b' : ''}\\${c}`));
    expect(markdownText('no escapes 09 AZ az')).toBe('no escapes 09 AZ az');
  });

  it('is one line of printable text', () => {
    expect(markdownText('a\n\tb  c\x1b')).toBe('a b c␛');
    expect(markdownText('awww.x')).toBe('awww\\.x');
  });
});

describe('printableJson', () => {
  it('escapes what JSON.stringify leaves raw and a terminal obeys; the data read back is the same', () => {
    const value = { title: 'a\x1b\u0085\x7f\u202eb\u2066\u2069', n: [1] };
    const json = printableJson(value);
    expect(json).toBe('{\n  "title": "a\\u001b\\u0085\\u007f\\u202eb\\u2066\\u2069",\n  "n": [\n    1\n  ]\n}\n');
    expect(JSON.parse(json)).toEqual(value);
    expect(printableJson('\u007e\u00a0\u202f')).toBe('"~\u00a0\u202f"\n');
  });
});
