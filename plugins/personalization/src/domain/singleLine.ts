/** C0 and C1 control characters (line breaks, tabs, NUL …), DEL, and Unicode's line and paragraph separators. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
const CONTROL_RUNS = new RegExp(`${CONTROL_CHARACTERS.source}+`, 'g')

export const hasControlCharacters = (value: string) => CONTROL_CHARACTERS.test(value)

/**
 * Text on one line: every run of control characters becomes one space. For values that become
 * mail headers (a line break there starts a header of the sender's choosing: "Anna\r\nBcc: …")
 * and for the profile fields that Liquid puts into them.
 */
export const singleLine = (value: string) => value.replace(CONTROL_RUNS, ' ')
