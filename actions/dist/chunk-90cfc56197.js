import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  ToolRefusal
} from "./chunk-0f29425468.js";

// actions/shared/agent/tools/shellwords.ts
var METACHARACTERS = /* @__PURE__ */ new Set([";", "&", "|", "$", "`", ">", "<", "(", ")", "{", "}", "*", "?", "!"]);
var EXPANDS_IN_DOUBLE_QUOTES = /* @__PURE__ */ new Set(["$", "`"]);
function splitCommandLine(line) {
  const words = [];
  let word = "";
  let inWord = false;
  let quote;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\n" || c === "\r" || c === "\0") refuse(line, c === "\0" ? "a NUL byte" : "a newline");
    if (quote === "'") {
      if (c === "'") quote = void 0;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = void 0;
      else if (EXPANDS_IN_DOUBLE_QUOTES.has(c)) refuse(line, `"${c}"`);
      else if (c === "\\" && i + 1 < line.length && '"\\'.includes(line[i + 1])) word += line[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\") {
      const next = line[i + 1];
      if (next === void 0) throw new Error("the command line ends with a lone backslash");
      if (METACHARACTERS.has(next)) refuse(line, `"${next}"`);
      word += next;
      inWord = true;
      i++;
    } else if (c === " " || c === "	") {
      if (inWord) words.push(word);
      word = "";
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
function refuse(line, what) {
  throw new ToolRefusal(
    `Refused: ${JSON.stringify(line)} contains ${what}. Commands run without a shell: one program with arguments, no chaining (; && ||), pipes, redirection, $variables, substitution or globs.`,
    "shell-metacharacters"
  );
}

export {
  splitCommandLine
};
