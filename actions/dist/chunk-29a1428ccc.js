import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  describeLookalike,
  foldPath,
  pathClassifier,
  writableMatcher
} from "./chunk-46b452a502.js";
import {
  createRedactor
} from "./chunk-66d88ceb62.js";

// actions/shared/git/branch.ts
var DEFAULT_BRANCH_PREFIX = "factory/";
var MAX_SLUG = 40;
function branchName(issueNumber, title, prefix = DEFAULT_BRANCH_PREFIX) {
  if (!Number.isSafeInteger(issueNumber) || issueNumber <= 0) {
    throw new RangeError(`branchName: issue number must be a positive integer, got ${issueNumber}`);
  }
  const slug = slugify(title);
  return `${prefix}${issueNumber}${slug ? `-${slug}` : ""}`;
}
function slugify(text, max = MAX_SLUG) {
  const ascii = text.normalize("NFKD").replace(new RegExp("\\p{M}+", "gu"), "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (ascii.length <= max) return ascii;
  const cut = ascii.slice(0, max + 1);
  const dash = cut.lastIndexOf("-");
  const short = dash >= max / 2 ? cut.slice(0, dash) : ascii.slice(0, max);
  return short.replace(/-+$/g, "");
}
function isSafeBranchName(name) {
  if (name === "" || name.startsWith("-") || name.length > 255) return false;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  if (name.includes("..") || name.includes("@{") || name.includes("//")) return false;
  if (name.startsWith("/") || name.endsWith("/") || name.endsWith(".") || name === "@") return false;
  return name.split("/").every((part) => part !== "" && !part.startsWith(".") && !part.endsWith(".lock"));
}

// actions/shared/git/repo.ts
import * as fs from "node:fs";
import * as os3 from "node:os";
import * as path from "node:path";

// actions/shared/git/errors.ts
var GitPolicyError = class extends Error {
  constructor(rule, branch, message) {
    super(message);
    this.rule = rule;
    this.branch = branch;
  }
  rule;
  branch;
  name = "GitPolicyError";
};
var GitCommandError = class extends Error {
  constructor(command, exitCode, stderr, detail) {
    const why = detail ?? (exitCode === null ? "did not finish" : `exit ${exitCode}`);
    super(`git ${command} failed (${why})${stderr ? `: ${stderr}` : ""}`);
    this.command = command;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
  command;
  exitCode;
  stderr;
  name = "GitCommandError";
};

// actions/shared/git/parse.ts
function fields(output) {
  const parts = output.split("\0");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}
function statusOf(code) {
  switch (code) {
    case "A":
    case "C":
    case "?":
      return "added";
    case "D":
      return "removed";
    case "R":
      return "renamed";
    default:
      return "modified";
  }
}
function parseStatusZ(output) {
  const parts = fields(output);
  const changes = [];
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i] ?? "";
    if (entry.length < 4) continue;
    const x = entry[0] ?? " ";
    const y = entry[1] ?? " ";
    const filename = entry.slice(3);
    if (x === "!") continue;
    const code = x === " " ? y : x;
    if (x === "R" || x === "C" || y === "R" || y === "C") {
      const from = parts[++i] ?? "";
      changes.push(code === "R" ? { filename, status: "renamed", previousFilename: from } : { filename, status: "added" });
      continue;
    }
    changes.push({ filename, status: statusOf(code) });
  }
  return changes;
}
function parseNameStatusZ(output) {
  const parts = fields(output);
  const changes = [];
  for (let i = 0; i < parts.length; i++) {
    const code = (parts[i] ?? "").charAt(0);
    if (code === "R" || code === "C") {
      const from = parts[++i] ?? "";
      const to = parts[++i] ?? "";
      changes.push(code === "R" ? { filename: to, status: "renamed", previousFilename: from } : { filename: to, status: "added" });
      continue;
    }
    const filename = parts[++i] ?? "";
    changes.push({ filename, status: statusOf(code) });
  }
  return changes;
}
function parseNumstatZ(output) {
  const parts = fields(output);
  const counts = /* @__PURE__ */ new Map();
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i] ?? "";
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(entry);
    if (!match) continue;
    const [, add = "-", del = "-", path3 = ""] = match;
    let filename = path3;
    if (path3 === "") {
      i++;
      filename = parts[++i] ?? "";
    }
    const binary = add === "-" || del === "-";
    counts.set(filename, {
      additions: binary ? 0 : Number(add),
      deletions: binary ? 0 : Number(del),
      binary
    });
  }
  return counts;
}
function parseEntriesZ(output) {
  const entries = [];
  for (const entry of fields(output)) {
    const tab = entry.indexOf("	");
    if (tab < 0) continue;
    const meta = entry.slice(0, tab).split(" ");
    const mode = meta[0] ?? "";
    const object = (meta.length === 3 && /^[0-9a-f]{40,64}$/.test(meta[2] ?? "") ? meta[2] : meta[1]) ?? "";
    entries.push({ mode, object, path: entry.slice(tab + 1) });
  }
  return entries;
}
function combine(changes, counts) {
  return changes.map((c) => {
    const n = counts.get(c.filename);
    const file = {
      filename: c.filename,
      status: c.status,
      additions: n?.additions ?? 0,
      deletions: n?.deletions ?? 0
    };
    if (c.previousFilename !== void 0) file.previousFilename = c.previousFilename;
    return file;
  });
}
function parsePathsZ(output) {
  return fields(output);
}

// actions/shared/git/run.ts
import { spawn } from "node:child_process";
import * as os2 from "node:os";

// actions/shared/git/contain.ts
import * as os from "node:os";
function containmentArgs() {
  const settings = [
    // No hooks: neither .git/hooks nor a core.hooksPath the repository sets.
    `core.hooksPath=${os.devNull}`,
    "core.fsmonitor=false",
    // No attributes file outside the repository (one named in its config).
    `core.attributesFile=${os.devNull}`,
    // No submodules: never recurse, never run git inside a nested repository to see whether it is dirty.
    "submodule.recurse=false",
    "fetch.recurseSubmodules=false",
    "push.recurseSubmodules=no",
    "diff.ignoreSubmodules=dirty",
    // No transport that runs a command; local paths (file) stay allowed.
    "protocol.ext.allow=never",
    // No signing or signature checks (they run gpg.program), no credential helper.
    "commit.gpgSign=false",
    "tag.gpgSign=false",
    "push.gpgSign=false",
    "merge.verifySignatures=false",
    "credential.helper=",
    // No diffstat after a merge (it could use a text conversion).
    "merge.stat=false"
  ];
  return settings.flatMap((s) => ["-c", s]);
}
var DRIVERLESS_COMMANDS = /* @__PURE__ */ new Set([
  "branch",
  "cat-file",
  "clean",
  "config",
  "for-each-ref",
  "ls-files",
  "ls-tree",
  "merge-base",
  "remote",
  "rev-parse",
  "show-ref",
  "symbolic-ref"
]);
var LIST_CONFIG_NAMES = ["--list", "--name-only", "-z"];
function parseConfigNames(stdout) {
  return stdout.split("\0").filter((n) => n !== "");
}
var TEXT_MERGE = "git merge-file -L ours -L base -L theirs --marker-size=%L %A %O %B";
var DRIVERS = {
  filter: {
    commands: ["clean", "smudge", "process", "required"],
    off: [
      ["clean", ""],
      ["smudge", ""],
      ["process", ""],
      ["required", "false"]
    ]
  },
  diff: {
    commands: ["command", "textconv"],
    off: [
      ["command", ""],
      ["textconv", ""]
    ]
  },
  merge: { commands: ["driver"], off: [["driver", TEXT_MERGE]] }
};
function neutralisingEntries(names) {
  const entries = [];
  const seen = /* @__PURE__ */ new Set();
  for (const name of names) {
    const first = name.indexOf(".");
    const last = name.lastIndexOf(".");
    if (first <= 0 || last === first) continue;
    const section = name.slice(0, first).toLowerCase();
    const driver = name.slice(first + 1, last);
    const key = name.slice(last + 1).toLowerCase();
    const kind = DRIVERS[section];
    if (!kind?.commands.includes(key) || seen.has(`${section}.${driver}`)) continue;
    seen.add(`${section}.${driver}`);
    for (const [k, value] of kind.off) entries.push([`${section}.${driver}.${k}`, value]);
  }
  return entries;
}
function packProgramArgs(subcommand, names) {
  const configured = (key) => names.some((n) => /^remote\..*\.(\w+)$/i.exec(n)?.[1]?.toLowerCase() === key);
  if (["fetch", "clone", "ls-remote"].includes(subcommand) && configured("uploadpack")) return ["--upload-pack=git-upload-pack"];
  if (subcommand === "push" && configured("receivepack")) return ["--receive-pack=git-receive-pack"];
  return [];
}
function withConfigEntries(entries, env = {}) {
  if (entries.length === 0) return env;
  const count = Number(env.GIT_CONFIG_COUNT ?? "0") || 0;
  const out = { ...env };
  const carried = [];
  for (let i = 0; i < count; i++) {
    carried.push([env[`GIT_CONFIG_KEY_${i}`] ?? "", env[`GIT_CONFIG_VALUE_${i}`] ?? ""]);
    delete out[`GIT_CONFIG_KEY_${i}`];
    delete out[`GIT_CONFIG_VALUE_${i}`];
  }
  const all = [...entries, ...carried];
  all.forEach(([key, value], i) => {
    out[`GIT_CONFIG_KEY_${i}`] = key;
    out[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  out.GIT_CONFIG_COUNT = String(all.length);
  return out;
}

// actions/shared/git/run.ts
var MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
var MAX_STDERR_BYTES = 64 * 1024;
function globalArgs(root) {
  return [
    ...containmentArgs(),
    ...["core.quotePath=false", "color.ui=false", `safe.directory=${root}`].flatMap((setting) => ["-c", setting]),
    "--literal-pathspecs"
  ];
}
function createRunner(opts) {
  const redactor = createRedactor(opts.secrets);
  const redact = (text) => redactor.redact(text);
  const run = async (subcommand, args, runOpts = {}) => {
    if (DRIVERLESS_COMMANDS.has(subcommand)) return exec(subcommand, args, runOpts);
    const listed = await exec("config", LIST_CONFIG_NAMES, { cwd: runOpts.cwd, env: runOpts.env });
    const names = parseConfigNames(listed.stdout);
    const env = withConfigEntries(neutralisingEntries(names), runOpts.env);
    return exec(subcommand, [...packProgramArgs(subcommand, names), ...args], { ...runOpts, env });
  };
  const exec = (subcommand, args, runOpts = {}) => {
    const cwd = runOpts.cwd ?? opts.cwd;
    const argv = [...globalArgs(cwd), subcommand, ...args];
    return new Promise((resolve2, reject) => {
      const child = spawn("git", argv, {
        cwd,
        env: { ...opts.env, ...runOpts.env },
        shell: false,
        // Its own process group, so a timeout also stops the helpers git started (remote-https).
        detached: process.platform !== "win32",
        stdio: ["pipe", "pipe", "pipe"],
        windowsHide: true
      });
      const out = [];
      const err = [];
      let outBytes = 0;
      let errBytes = 0;
      let truncated = false;
      let timedOut = false;
      let overflow = false;
      const limit = runOpts.limitBytes ?? MAX_OUTPUT_BYTES;
      const stop = () => {
        try {
          if (child.pid !== void 0 && process.platform !== "win32") process.kill(-child.pid, "SIGKILL");
          else child.kill("SIGKILL");
        } catch {
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        stop();
      }, opts.timeoutMs);
      child.stdout.on("data", (chunk) => {
        if (truncated || overflow) return;
        if (outBytes + chunk.length > limit) {
          out.push(chunk.subarray(0, limit - outBytes));
          outBytes = limit;
          if (runOpts.limitBytes !== void 0) truncated = true;
          else overflow = true;
          stop();
          return;
        }
        out.push(chunk);
        outBytes += chunk.length;
      });
      child.stderr.on("data", (chunk) => {
        if (errBytes >= MAX_STDERR_BYTES) return;
        err.push(chunk);
        errBytes += chunk.length;
      });
      child.stdin.on("error", () => {
      });
      child.stdin.end(runOpts.input ?? "");
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(new GitCommandError(subcommand, null, redact(error.message), "could not start git"));
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        const stdout = Buffer.concat(out).toString("utf8");
        const stderr = redact(Buffer.concat(err).toString("utf8").trim());
        if (timedOut) {
          return reject(new GitCommandError(subcommand, null, stderr, `timed out after ${opts.timeoutMs} ms`));
        }
        if (overflow) {
          return reject(new GitCommandError(subcommand, null, "", `output larger than ${MAX_OUTPUT_BYTES} bytes`));
        }
        if (truncated) return resolve2({ stdout, stderr, code: 0, truncated });
        const status = code ?? -1;
        if (status === 0 || runOpts.okCodes?.includes(status)) {
          return resolve2({ stdout, stderr, code: status, truncated: false });
        }
        reject(new GitCommandError(subcommand, code, stderr || redact(stdout.trim()).slice(0, MAX_STDERR_BYTES)));
      });
    });
  };
  return { cwd: opts.cwd, run, redact };
}
var DROPPED_ENV = /^(?:GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_COMMON_DIR|GIT_NAMESPACE|GIT_CEILING_DIRECTORIES|GIT_CONFIG|GIT_CONFIG_PARAMETERS|GIT_CONFIG_COUNT|GIT_CONFIG_KEY_\d+|GIT_CONFIG_VALUE_\d+|GIT_AUTHOR_\w+|GIT_COMMITTER_\w+|GIT_EXTERNAL_DIFF|GIT_EDITOR|GIT_SEQUENCE_EDITOR|GIT_PAGER|GIT_TRACE\w*)$/;
function gitEnv(input) {
  const env = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === void 0 || DROPPED_ENV.test(name)) continue;
    env[name] = value;
  }
  env.GIT_CONFIG_GLOBAL = input.GIT_CONFIG_GLOBAL ?? os2.devNull;
  env.GIT_CONFIG_NOSYSTEM = input.GIT_CONFIG_NOSYSTEM ?? "1";
  env.GIT_ATTR_NOSYSTEM = "1";
  env.GIT_TERMINAL_PROMPT = "0";
  env.GIT_ASKPASS = "";
  env.SSH_ASKPASS = "";
  env.GCM_INTERACTIVE = "never";
  env.LC_ALL = "C";
  return env;
}
var LOOPBACK_HOSTS = /* @__PURE__ */ new Set(["127.0.0.1", "localhost", "[::1]"]);
function basicCredential(token) {
  return Buffer.from(`x-access-token:${token}`, "utf8").toString("base64");
}
function authEnv(remoteUrl, token) {
  if (!token) return {};
  let url;
  try {
    url = new URL(remoteUrl);
  } catch {
    return {};
  }
  const allowed = url.protocol === "https:" || url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
  if (!allowed || !url.host) return {};
  const key = `http.${url.protocol}//${url.host}/.extraheader`;
  return {
    GIT_CONFIG_COUNT: "2",
    GIT_CONFIG_KEY_0: key,
    GIT_CONFIG_VALUE_0: "",
    GIT_CONFIG_KEY_1: key,
    GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basicCredential(token)}`
  };
}
function identityEnv(author, committer) {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email
  };
}

// actions/shared/git/repo.ts
var DEFAULT_TIMEOUT_MS = 5 * 6e4;
var EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
var SYMLINK_MODE = "120000";
var DEFAULT_IDENTITY = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com"
};
var DIFF_FLAGS = ["--no-color", "--no-ext-diff", "--no-textconv", "--find-renames"];
function openGit(opts) {
  const root = path.resolve(opts.root);
  const secrets = opts.token ? [opts.token, basicCredential(opts.token)] : [];
  const git = createRunner({
    cwd: root,
    env: gitEnv(opts.env ?? process.env),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    secrets
  });
  return new CliGit(root, git, opts);
}
function pushRefusal(branch, rules) {
  const prefix = rules.branchPrefix ?? DEFAULT_BRANCH_PREFIX;
  if (branch === rules.defaultBranch) {
    return new GitPolicyError("default-branch", branch, `refusing to push the default branch ${branch}`);
  }
  const handedOver = rules.extraBranches?.includes(branch) ?? false;
  if (!handedOver && (!branch.startsWith(prefix) || branch === prefix)) {
    return new GitPolicyError("branch-prefix", branch, `refusing to push ${branch}: only branches starting with ${prefix} may be pushed`);
  }
  return void 0;
}
function assertBranch(name) {
  if (!isSafeBranchName(name)) throw new Error(`invalid branch name ${JSON.stringify(name)}`);
}
function assertRef(ref) {
  if (ref === "" || ref.startsWith("-") || /[\x00-\x20\x7f]/.test(ref)) {
    throw new Error(`invalid git ref ${JSON.stringify(ref)}`);
  }
}
function assertIdentity(who, role) {
  const bad = (s) => s.trim() === "" || /[<>\n\r\0]/.test(s);
  if (bad(who.name) || bad(who.email)) {
    throw new Error(`commitAll: ${role} needs a name and an email without <, > or line breaks`);
  }
}
var CliGit = class {
  constructor(root, git, opts) {
    this.root = root;
    this.git = git;
    this.opts = opts;
    this.identity = opts.identity ?? DEFAULT_IDENTITY;
  }
  root;
  git;
  opts;
  identity;
  remoteUrlCache;
  async headSha() {
    const head = await this.headOrEmptyTree();
    if (head === EMPTY_TREE) throw new Error(`HEAD of ${this.root} does not point at a commit yet`);
    return head;
  }
  async currentBranch() {
    return (await this.git.run("branch", ["--show-current"])).stdout.trim();
  }
  async branchExists(name, where) {
    assertBranch(name);
    if (where === "local") {
      const r2 = await this.git.run("show-ref", ["--verify", "--quiet", `refs/heads/${name}`], { okCodes: [1] });
      return r2.code === 0;
    }
    const r = await this.git.run("ls-remote", ["--exit-code", "--heads", "origin", `refs/heads/${name}`], {
      okCodes: [2],
      env: await this.remoteEnv()
    });
    return r.code === 0;
  }
  async checkoutNewBranch(name, from) {
    assertBranch(name);
    assertRef(from);
    await this.git.run("switch", ["--quiet", "--no-track", "--create", name, from]);
  }
  async checkout(name) {
    assertBranch(name);
    await this.git.run("switch", ["--quiet", name]);
  }
  async fetch(ref) {
    const args = ["--quiet", "--no-tags", "--prune"];
    if (await this.isShallow()) args.push("--unshallow");
    args.push("origin");
    if (ref !== void 0) {
      assertBranch(ref);
      args.push(`+refs/heads/${ref}:refs/remotes/origin/${ref}`);
    }
    await this.git.run("fetch", args, { env: await this.remoteEnv() });
  }
  async pendingChanges() {
    return this.withPendingIndex(async (env) => {
      const head = await this.headOrEmptyTree();
      const status = await this.git.run("status", ["--porcelain=v1", "-z", "--find-renames", "--untracked-files=all"], { env });
      const numstat = await this.git.run("diff", ["--cached", "--numstat", "-z", ...DIFF_FLAGS, head], { env });
      const files = combine(parseStatusZ(status.stdout), parseNumstatZ(numstat.stdout));
      const index = parseEntriesZ((await this.git.run("ls-files", ["-s", "-z"], { env })).stdout);
      return withSymlinks(files, await this.symlinks(index, files));
    });
  }
  async changedFiles(base) {
    assertRef(base);
    const range = `${base}...HEAD`;
    const names = await this.git.run("diff", ["--name-status", "-z", ...DIFF_FLAGS, range]);
    const numstat = await this.git.run("diff", ["--numstat", "-z", ...DIFF_FLAGS, range]);
    const files = combine(parseNameStatusZ(names.stdout), parseNumstatZ(numstat.stdout));
    const tree = await this.git.run("ls-tree", ["-r", "-z", "HEAD"]);
    return withSymlinks(files, await this.symlinks(parseEntriesZ(tree.stdout), files));
  }
  async diff(base, opts = {}) {
    const limit = opts.maxBytes;
    const run = async (args, env) => this.git.run("diff", [...DIFF_FLAGS, ...args], { env, ...limit !== void 0 ? { limitBytes: limit } : {} });
    let result;
    if (base !== void 0) {
      assertRef(base);
      result = await run([`${base}...HEAD`]);
    } else {
      const head = await this.headOrEmptyTree();
      result = await this.withPendingIndex((env) => run(["--cached", head], env));
    }
    if (!result.truncated) return result.stdout;
    const text = result.stdout.replace(/\uFFFD+$/, "");
    return `${text}
[diff truncated at ${limit} bytes]
`;
  }
  async commitAll(message, opts) {
    if (message.trim() === "") throw new Error("commitAll: the commit message is empty");
    const committer = opts.committer ?? this.identity;
    assertIdentity(opts.author, "author");
    assertIdentity(committer, "committer");
    const args = ["--quiet", "--no-verify", "--no-edit", "--cleanup=whitespace", "--file=-"];
    const seen = /* @__PURE__ */ new Set([opts.author.email.toLowerCase()]);
    for (const co of opts.coAuthors ?? []) {
      assertIdentity(co, "co-author");
      if (seen.has(co.email.toLowerCase())) continue;
      seen.add(co.email.toLowerCase());
      args.push("--trailer", `Co-authored-by: ${co.name} <${co.email}>`);
    }
    await this.git.run("add", ["--all"]);
    const head = await this.headOrEmptyTree();
    const staged = await this.git.run("diff", ["--cached", "--quiet", "--no-ext-diff", head], { okCodes: [1] });
    if (staged.code === 0) return null;
    await this.git.run("commit", args, { input: message, env: identityEnv(opts.author, committer) });
    return this.headSha();
  }
  async push(branch, opts = {}) {
    const refusal = pushRefusal(branch, this.opts);
    if (refusal) throw refusal;
    assertBranch(branch);
    const ref = `refs/heads/${branch}`;
    const local = await this.git.run("rev-parse", ["--verify", "--quiet", `${ref}^{commit}`], { okCodes: [1] });
    if (local.code !== 0) throw new Error(`push: there is no local branch ${branch}`);
    const sha = local.stdout.trim();
    const args = ["--porcelain", "--no-verify"];
    if (opts.forceWithLease) args.push(`--force-with-lease=${ref}`);
    args.push("origin", `${ref}:${ref}`);
    const result = await this.git.run("push", args, { okCodes: [1], env: await this.remoteEnv() });
    const line = result.stdout.split("\n").find((l) => l.includes(`	${ref}:${ref}	`)) ?? "";
    const flag = line.charAt(0);
    if (result.code !== 0 || flag === "!") {
      if (/non-fast-forward|fetch first/.test(line)) {
        throw new GitPolicyError("force-push", branch, `refusing to force-push ${branch}: origin has commits this branch does not have`);
      }
      const summary = line.split("	")[2] ?? "";
      throw new GitCommandError("push", result.code, [summary, result.stderr].filter(Boolean).join("\n"));
    }
    return { pushed: flag !== "=", sha };
  }
  async mergeBase(base, opts = {}) {
    assertBranch(base);
    await this.fetch(base);
    const env = identityEnv(this.identity, this.identity);
    const merge = await this.git.run(
      "merge",
      ["--no-edit", "--no-verify", "--no-ff", "-m", `Merge origin/${base}`, `refs/remotes/origin/${base}`],
      { okCodes: [1], env }
    );
    if (merge.code === 0) return { ok: true, sha: await this.headSha() };
    const conflicts = parsePathsZ((await this.git.run("diff", ["--name-only", "--diff-filter=U", "-z", "--no-ext-diff"])).stdout);
    if (opts.keepConflicts && conflicts.length > 0) return { ok: false, conflicts };
    await this.git.run("merge", ["--abort"], { okCodes: [128] });
    if (conflicts.length === 0) throw new GitCommandError("merge", merge.code, merge.stderr || merge.stdout.trim());
    return { ok: false, conflicts };
  }
  async resetHard(ref) {
    assertRef(ref);
    await this.git.run("reset", ["--quiet", "--hard", ref]);
    await this.git.run("clean", ["--quiet", "-d", "--force"]);
  }
  /** Runs `fn` with an environment pointing at a copy of the index with every change staged. */
  async withPendingIndex(fn) {
    const indexPath = (await this.git.run("rev-parse", ["--path-format=absolute", "--git-path", "index"])).stdout.trim();
    const dir = fs.mkdtempSync(path.join(os3.tmpdir(), "factory-index-"));
    try {
      const temp = path.join(dir, "index");
      if (fs.existsSync(indexPath)) fs.copyFileSync(indexPath, temp);
      const env = { GIT_INDEX_FILE: temp };
      await this.git.run("add", ["--all"], { env });
      return await fn(env);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  async headOrEmptyTree() {
    const r = await this.git.run("rev-parse", ["--verify", "--quiet", "HEAD^{commit}"], { okCodes: [1] });
    return r.code === 0 ? r.stdout.trim() : EMPTY_TREE;
  }
  async isShallow() {
    return (await this.git.run("rev-parse", ["--is-shallow-repository"])).stdout.trim() === "true";
  }
  /** Targets of the symbolic links among `entries` that are (new versions of) changed files. */
  async symlinks(entries, files) {
    const changed = new Set(files.filter((f) => f.status !== "removed").map((f) => f.filename));
    const links = /* @__PURE__ */ new Map();
    for (const e of entries) {
      if (e.mode !== SYMLINK_MODE || !changed.has(e.path)) continue;
      links.set(e.path, (await this.git.run("cat-file", ["blob", e.object])).stdout);
    }
    return links;
  }
  async remoteEnv() {
    if (!this.opts.token) return {};
    if (this.remoteUrlCache === void 0) {
      this.remoteUrlCache = (await this.git.run("remote", ["get-url", "origin"])).stdout.trim();
    }
    return authEnv(this.remoteUrlCache, this.opts.token);
  }
};
function withSymlinks(files, links) {
  return files.map((f) => {
    const target = links.get(f.filename);
    return target === void 0 ? f : { ...f, symlinkTarget: target };
  });
}

// actions/shared/git/guard.ts
import * as path2 from "node:path";
function checkChanges(files, rules) {
  const inGit = files.filter((f) => touchedPaths(f).some(isInsideGitDir)).map((f) => f.filename);
  if (inGit.length > 0) {
    return refuse("protected-path", `changes inside .git/ are never allowed: ${list(inGit)}`, inGit);
  }
  const escapes = files.filter((f) => f.status !== "removed" && f.symlinkTarget !== void 0 && symlinkEscapes(f.filename, f.symlinkTarget)).map((f) => f.filename);
  if (escapes.length > 0) {
    return refuse("symlink-escape", `symbolic links pointing outside the repository: ${list(escapes)}`, escapes);
  }
  const classify = pathClassifier(rules.protectedPaths);
  const lookalikes = files.flatMap((f) => touchedPaths(f).filter((p) => classify(p) === "lookalike"));
  if (lookalikes.length > 0) {
    const why = lookalikes.map((p) => describeLookalike(p, rules.protectedPaths));
    return refuse("lookalike-path", `paths that look like protected ones: ${list(why)}`, lookalikes);
  }
  if (!rules.allowProtected) {
    const writable = writableMatcher(rules.protectedPaths, rules.writableProtectedPaths ?? []);
    const hits = files.filter((f) => touchedPaths(f).some((p) => classify(p) === "protected" && !writable(p))).map((f) => f.filename);
    if (hits.length > 0) return refuse("protected-path", `protected paths changed: ${list(hits)}`, hits);
  }
  if (files.length > rules.maxFiles) {
    return refuse(
      "too-many-files",
      `${files.length} files changed; the limit is ${rules.maxFiles}`,
      files.map((f) => f.filename)
    );
  }
  const lines = files.reduce((sum, f) => sum + f.additions + f.deletions, 0);
  if (lines > rules.maxChangedLines) {
    const biggest = [...files].sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions));
    return refuse(
      "too-many-lines",
      `${lines} lines changed; the limit is ${rules.maxChangedLines}`,
      biggest.map((f) => f.filename)
    );
  }
  return { ok: true };
}
function touchedPaths(f) {
  return f.previousFilename !== void 0 ? [f.filename, f.previousFilename] : [f.filename];
}
function isInsideGitDir(file) {
  return foldPath(file).split("/").includes(".git") || file.split(/[\\/]/).some((part) => part.toLowerCase() === ".git");
}
function symlinkEscapes(file, target) {
  if (target === "" || path2.posix.isAbsolute(target) || path2.win32.isAbsolute(target)) return true;
  const resolved = path2.posix.normalize(path2.posix.join(path2.posix.dirname(file), target.replace(/\\/g, "/")));
  if (resolved === ".." || resolved.startsWith("../")) return true;
  return isInsideGitDir(resolved);
}
function refuse(rule, reason, files) {
  return { ok: false, rule, reason, files };
}
function list(files, max = 10) {
  const shown = files.slice(0, max).join(", ");
  return files.length > max ? `${shown} and ${files.length - max} more` : shown;
}

export {
  branchName,
  createRunner,
  gitEnv,
  openGit,
  pushRefusal,
  checkChanges
};
