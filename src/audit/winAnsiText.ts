/** Typographic characters outside Latin-1 that WinAnsi (the standard PDF fonts' encoding) has. */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * The 14 standard PDF fonts only encode WinAnsi; pdf-lib throws on anything else. Italian text is
 * all Latin-1, so only exotic characters (and control characters) are replaced, with '?' and ' '.
 */
export function toWinAnsiText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (code <= 0xff || WIN_ANSI_EXTRAS.has(ch)) out += ch;
    else out += '?';
  }
  return out;
}
