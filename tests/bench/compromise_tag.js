// Tags the same Reuters text with compromise (npm), the JavaScript tagger many researchers use: people, places,
// organisations. Prints throughput as JSON. Usage: node compromise_tag.js ARTICLES.jsonl
const nlp = require('compromise');
const fs = require('fs');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let bytes = 0, found = 0;
const start = process.hrtime.bigint();
for (const line of lines) {
  const r = JSON.parse(line);
  const text = r.title + '\n\n' + r.text;
  bytes += Buffer.byteLength(text);
  const doc = nlp(text);
  found += doc.people().length + doc.places().length + doc.organizations().length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({articles: lines.length, mb: bytes / 1e6, seconds, mb_per_s: bytes / 1e6 / seconds, found}));
