import { ToolRefusal } from '../tool';

/**
 * A small shell-words splitter for command lines that are never given to a shell. Quotes and
 * backslashes group words as a POSIX shell would; anything that would make a shell do more than
 * run one program (chaining, pipes, redirection, substitution, globbing, history, newlines) is
 * refused outright rather than silently taken literally. Inside single quotes every character
 * is literal; inside double quotes `$` and backticks are still refused, since a shell would
 * expand them there.
 */
const METACHARACTERS = new Set([';', '&', '|', '$', '`', '>', '<', '(', ')', '{', '}', '*', '?', '!']);
const EXPANDS_IN_DOUBLE_QUOTES = new Set(['$', '`']);

export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;

  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '\n' || c === '\r' || c === '\0') refuse(line, c === '\0' ? 'a NUL byte' : 'a newline');
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (EXPANDS_IN_DOUBLE_QUOTES.has(c)) refuse(line, `"${c}"`);
      else if (c === '\\' && i + 1 < line.length && '"\\'.includes(line[i + 1] as string)) word += line[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) throw new Error('the command line ends with a lone backslash');
      if (METACHARACTERS.has(next)) refuse(line, `"${next}"`);
      word += next;
      inWord = true;
      i++;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (METACHARACTERS.has(c)) {
      refuse(line, `"${c}"`);
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`the command line has an unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

function refuse(line: string, what: string): never {
  throw new ToolRefusal(
    `Refused: ${JSON.stringify(line)} contains ${what}. Commands run without a shell: one program with ` +
      'arguments, no chaining (; && ||), pipes, redirection, $variables, substitution or globs.',
    'shell-metacharacters',
  );
}
