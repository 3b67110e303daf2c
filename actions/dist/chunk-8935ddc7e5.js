import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);

// actions/shared/github/types.ts
var AUTHOR_ASSOCIATIONS = [
  "OWNER",
  "MEMBER",
  "COLLABORATOR",
  "CONTRIBUTOR",
  "FIRST_TIME_CONTRIBUTOR",
  "FIRST_TIMER",
  "MANNEQUIN",
  "NONE"
];
function isAuthorAssociation(value) {
  return AUTHOR_ASSOCIATIONS.includes(value);
}

export {
  AUTHOR_ASSOCIATIONS,
  isAuthorAssociation
};
