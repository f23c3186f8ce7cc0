import { RE2JS, RE2JSSyntaxException } from 're2js';

/**
 * Regular expressions typed by users (the topic search, the message filter) run on RE2
 * (re2js): matching takes time linear in the input whatever the pattern, so no pattern can
 * stall the server with catastrophic backtracking. The price is RE2's syntax: no
 * backreferences and no lookaround.
 */

/** Longest pattern compiled from user input. */
export const MAX_PATTERN_LENGTH = 1000;

export type UserRegex = Pick<RE2JS, 'test'>;

const HINTS: [RegExp, string][] = [
  [/\\[1-9]/, 'backreferences like \\1 are not supported'],
  [/\(\?<?[=!]/, 'lookahead and lookbehind are not supported'],
];

/** Compiles a user's pattern, or says why it cannot be used. */
export function compileUserRegex(pattern: string, ignoreCase: boolean): { regex: UserRegex } | { problem: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) return { problem: `a pattern has at most ${MAX_PATTERN_LENGTH} characters` };
  try {
    return { regex: RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) };
  } catch (err) {
    const hint = HINTS.find(([re]) => re.test(pattern))?.[1];
    if (hint) return { problem: hint };
    if (err instanceof RE2JSSyntaxException) return { problem: err.getDescription() };
    return { problem: 'not a valid regular expression' };
  }
}
