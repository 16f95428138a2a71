import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { LocalStackTemplatePath } from '../../local/iam/index.js';
import { synthLocalIamTemplate } from './synth-local-iam-template.js';

// `npm run synth:local-template`: regenerates the IAM snapshot of the local stack the local cloud enforces, in
// the formatter's layout so `biome check` stays clean.
writeFileSync(LocalStackTemplatePath, `${JSON.stringify(await synthLocalIamTemplate(), null, 2)}\n`);
execFileSync('npx', ['biome', 'format', '--write', LocalStackTemplatePath], { stdio: 'ignore' });
console.log(`wrote ${LocalStackTemplatePath}`);
