import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  ToolRefusal
} from "./chunk-0f29425468.js";
import {
  pathClassifier,
  require_picomatch,
  writableMatcher
} from "./chunk-46b452a502.js";
import {
  __toESM
} from "./chunk-0a4052ce6e.js";

// actions/shared/agent/tools/workspace.ts
var import_picomatch = __toESM(require_picomatch());
import * as fs from "node:fs";
import * as path from "node:path";
var SECRET_FILE_NAMES = [
  ".env",
  ".env.*",
  "*.pem",
  "*.key",
  "*.p12",
  "*.pfx",
  "*.jks",
  "*.keystore",
  "id_rsa",
  "id_dsa",
  "id_ecdsa",
  "id_ed25519",
  ".npmrc",
  ".yarnrc.yml",
  ".netrc",
  ".pypirc",
  ".git-credentials",
  ".htpasswd",
  "credentials.json",
  "service-account*.json"
];
var SECRET_FILE_TEMPLATES = [".env.example", ".env.sample", ".env.template", ".env.dist"];
var secretName = (0, import_picomatch.default)([...SECRET_FILE_NAMES], { dot: true, nocase: true });
var templateName = (0, import_picomatch.default)(SECRET_FILE_TEMPLATES, { dot: true, nocase: true });
function isSecretFile(rel) {
  const name = rel.split(/[\\/]/).pop() ?? "";
  return name !== "" && secretName(name) && !templateName(name);
}
function secretExcludePathspecs() {
  return SECRET_FILE_NAMES.map((name) => `:(exclude,glob,icase)**/${name}`);
}
var MAX_SYMLINK_DEPTH = 40;
function createWorkspace(root, opts) {
  const givenRoot = path.resolve(root);
  const realRoot = fs.realpathSync(givenRoot);
  if (!fs.statSync(realRoot).isDirectory()) {
    throw new Error(`workspace root is not a directory: ${root}`);
  }
  const classify = opts.protectedPaths.length > 0 ? pathClassifier(opts.protectedPaths) : () => "ordinary";
  const writable = writableMatcher(opts.protectedPaths, opts.writableProtectedPaths ?? []);
  const isProtected = (p) => {
    const kind = classify(p);
    return kind === "lookalike" || kind === "protected" && !writable(p);
  };
  function relative2(absolute) {
    const rel = path.relative(realRoot, absolute);
    return rel === "" ? "." : rel.split(path.sep).join("/");
  }
  function resolve2(input) {
    if (typeof input !== "string") throw escapeRefusal(String(input), "the path must be a string");
    if (input.includes("\0")) throw escapeRefusal(input.replace(/\0/g, "\\0"), "the path contains a NUL byte");
    if (input.startsWith("~")) {
      throw escapeRefusal(input, "home-directory paths are outside the workspace; use a path relative to the workspace root");
    }
    const lexical = lexicalRelative(input);
    if (lexical === void 0) {
      throw escapeRefusal(input, "it resolves outside the workspace; use a path relative to the workspace root");
    }
    refuseGitInternals(input, lexical);
    const real = walk(input, lexical);
    refuseGitInternals(input, path.relative(realRoot, real).split(path.sep));
    refuseSecrets(input, [lexical.join("/"), relative2(real)]);
    return real;
  }
  function refuseSecrets(input, rels) {
    if (rels.some((rel) => isSecretFile(rel))) {
      throw new ToolRefusal(
        `Refused: ${input} is a file that holds secrets by convention (${SECRET_FILE_NAMES.join(", ")}); file tools do not open it`,
        "secret-file"
      );
    }
  }
  function lexicalRelative(input) {
    const abs = path.resolve(realRoot, input);
    for (const base of [realRoot, givenRoot]) {
      if (isInside(base, abs)) {
        const rel = path.relative(base, abs);
        return rel === "" ? [] : rel.split(path.sep);
      }
    }
    return void 0;
  }
  function walk(input, segments) {
    let current = realRoot;
    let depth = 0;
    for (let i = 0; i < segments.length; i++) {
      const next = path.join(current, segments[i]);
      let stat;
      try {
        stat = fs.lstatSync(next);
      } catch {
        return path.join(current, ...segments.slice(i));
      }
      if (!stat.isSymbolicLink()) {
        current = next;
        continue;
      }
      if (++depth > MAX_SYMLINK_DEPTH) throw escapeRefusal(input, "too many symlinks");
      let target;
      try {
        target = fs.realpathSync(next);
      } catch {
        throw escapeRefusal(input, `${relative2(next)} is a dangling symlink`);
      }
      if (!isInside(realRoot, target)) {
        throw escapeRefusal(input, `${relative2(next)} is a symlink that leads outside the workspace`);
      }
      current = target;
    }
    return current;
  }
  function refuseGitInternals(input, segments) {
    if (segments.some((s) => s.toLowerCase() === ".git")) {
      throw new ToolRefusal(
        `Refused: ${input} is inside .git; git internals are not readable or writable through file tools`,
        "git-internals"
      );
    }
  }
  function assertWritable(input) {
    const real = resolve2(input);
    if (!opts.allowProtectedWrites) {
      const lexical = (lexicalRelative(input) ?? []).join("/");
      const realRel = relative2(real);
      const hit = [lexical, realRel].find((p) => p !== "" && p !== "." && isProtected(p));
      if (hit !== void 0) {
        throw new ToolRefusal(
          `Refused: ${hit} is a protected path (${opts.protectedPaths.join(", ")}); changes to it need a human`,
          "protected-path"
        );
      }
    }
    return real;
  }
  return { root: realRoot, resolve: resolve2, assertWritable, relative: relative2 };
}
function isInside(root, candidate) {
  const rel = path.relative(root, candidate);
  if (rel === "") return true;
  return rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
function escapeRefusal(input, why) {
  return new ToolRefusal(`Refused: ${input} is outside the workspace (${why})`, "workspace-escape");
}

export {
  isSecretFile,
  secretExcludePathspecs,
  createWorkspace
};
