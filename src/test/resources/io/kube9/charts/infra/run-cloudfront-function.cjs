// Runs a CloudFront Function as CloudFront does: the file's top-level handler, called with one event object,
// in a fresh context without Node's require or process (CloudFront's runtime has neither).
// Usage: node run-cloudfront-function.cjs FUNCTION.js < events.json (a JSON array); prints the results as JSON.
'use strict';
const fs = require('fs');
const vm = require('vm');

const file = process.argv[2];
const handler = vm.runInNewContext(fs.readFileSync(file, 'utf8') + '\n;handler', Object.create(null), { filename: file });
const events = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(events.map((event) => handler(event))));
