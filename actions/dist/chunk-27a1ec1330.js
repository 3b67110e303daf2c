import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  FACTORY_BRANCH_PREFIX
} from "./chunk-e970019b7c.js";

// actions/shared/policy/branches.ts
var REVERT_BRANCH_PREFIX = `${FACTORY_BRANCH_PREFIX}revert-pr-`;
function isOwnHead(pr) {
  const own = pr.base.repoFullName;
  return !!own && !!pr.head.repoFullName && pr.head.repoFullName.toLowerCase() === own.toLowerCase();
}
function isFactoryBranch(pr) {
  return isOwnHead(pr) && pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX);
}

export {
  REVERT_BRANCH_PREFIX,
  isOwnHead,
  isFactoryBranch
};
