import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);

// actions/shared/agent/tool.ts
var ToolRefusal = class extends Error {
  constructor(message, rule) {
    super(message);
    this.rule = rule;
  }
  rule;
  name = "ToolRefusal";
};
function defineTool(def) {
  return def;
}

export {
  ToolRefusal,
  defineTool
};
