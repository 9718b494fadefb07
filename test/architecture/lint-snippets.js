// Lints code snippets as if they were files at the given paths, with the project's own ESLint config, and
// prints the rule ids each one breaks. A child process: Jest cannot load the ESM config itself.
const { ESLint } = require('eslint');

const main = async () => {
  const snippets = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint({ cwd: process.cwd() });
  const results = [];
  for (const { filePath, code } of snippets) {
    const [result] = await eslint.lintText(code, { filePath });
    results.push(result.messages.map((message) => ({ ruleId: message.ruleId, message: message.message })));
  }
  process.stdout.write(JSON.stringify(results));
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
