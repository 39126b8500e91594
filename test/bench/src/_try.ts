import { browserScenarios } from './browser.js';
import { guarded } from './report.js';
const r = await browserScenarios({ runs: 1, tallyMs: 2000 }, guarded);
for (const s of r) { console.log(s.id, s.status, s.note ?? ''); for (const f of s.figures) console.log('   ', f.name, f.median, f.unit); }
