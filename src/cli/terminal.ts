// Text from a bank, as people are shown it: in a terminal or CI log, in Markdown that GitHub renders (a job
// summary, release notes), and in JSON that may be printed. Every command shows bank text through here.
//
// A terminal obeys what it is sent: ESC starts sequences that write the clipboard (OSC 52), set the window
// title (OSC 0), clear the screen (CSI 2J) or hide text; a backspace or carriage return overwrites what was
// shown; C1 controls are ESC's one-byte forms; bidirectional overrides reorder what is read. Each becomes a
// visible stand-in (␛, ␈, ␍, �), so the sequence it started is plain text.

/** C0 controls, DEL, C1 controls and the bidirectional embeddings, overrides and isolates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, but for tabs and line ends (LF, CRLF), which text of several lines keeps. */
const UNPRINTABLE_IN_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/** C0 controls as their Unicode control pictures (␛ for ESC), DEL as ␡, the rest as �. */
function standIn(c: string): string {
  const code = c.charCodeAt(0);
  return code === 0x7f ? '\u2421' : code < 0x80 ? String.fromCharCode(0x2400 + code) : '\ufffd';
}

/** One line of bank text for a terminal: every control character visible, a line break included. */
export const printable = (text: string): string => text.replace(UNPRINTABLE, standIn);

/** Bank text of several lines for a terminal (a diff): tabs and line ends kept, a lone CR made visible. */
export const printableLines = (text: string): string => text.replace(UNPRINTABLE_IN_LINES, standIn);

/**
 * Bank text in Markdown, shown as written and never as Markdown: one line, printable, every ASCII
 * punctuation character backslash-escaped (CommonMark allows it for all of them), so no image, link,
 * emphasis, HTML or table cell break can come from a bank; GFM finds autolinks in the text after escapes, so
 * a zero-width space breaks each (`https:​//`, `www​.`, `​@`).
 */
export const markdownText = (text: string): string =>
  printable(text.replace(/\s+/g, ' '))
    .replace(/:(?=\/\/)|\b(www)(?=\.)|(?=@)/gi, (match) => `${match}\u200b`)
    .replace(/[!-/:-@[-`{-~]/g, '\\$&');

/** JSON with the characters JSON.stringify leaves raw but a terminal obeys (C1, DEL, bidi) as \u escapes. */
export const printableJson = (value: unknown): string =>
  `${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
