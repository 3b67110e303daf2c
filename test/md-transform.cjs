// Jest transform for prompt templates: `import text from '.../prompts/x.md'` gives the file's
// text, as esbuild's text loader does in the bundles.
module.exports = {
  process(sourceText) {
    return { code: `module.exports = ${JSON.stringify(sourceText)}; module.exports.default = module.exports;` };
  },
};
