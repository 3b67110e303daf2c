import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  PAUSED,
  SOURCE_REPORT
} from "./chunk-ffa5c3fea6.js";

// actions/shared/state/gate.ts
function pauseReason(labels, config) {
  if (config.killSwitch) return "the kill switch is on (killSwitch: true in .github/factory.yml)";
  if (labels.includes(PAUSED)) return `paused by a person (${PAUSED})`;
  return void 0;
}
var TRUSTED_ASSOCIATIONS = ["OWNER", "MEMBER", "COLLABORATOR"];
function trustLevel(author, association, config) {
  const { trust } = config;
  if (author.login === trust.botLogin) return "self";
  const isBot = author.type === "Bot" || author.login.endsWith("[bot]");
  if (isBot) return trust.bots.includes(author.login) ? "trusted" : "untrusted";
  return association && trust.associations.includes(association) ? "trusted" : "untrusted";
}
function isAutomationEnabled(automation, config) {
  return !config.killSwitch && config.automations[automation].enabled;
}
function isAuthorTrusted(issue, config) {
  const level = trustLevel(issue.author, issue.authorAssociation, config);
  if (level === "self") return !issue.labels.includes(SOURCE_REPORT);
  return level === "trusted";
}

// actions/shared/risk/tiers.ts
var TIERS = ["low", "medium", "high"];
function tierRank(tier) {
  return TIERS.indexOf(tier);
}
function maxTier(a, b) {
  return tierRank(a) >= tierRank(b) ? a : b;
}

export {
  pauseReason,
  TRUSTED_ASSOCIATIONS,
  trustLevel,
  isAutomationEnabled,
  isAuthorTrusted,
  TIERS,
  tierRank,
  maxTier
};
