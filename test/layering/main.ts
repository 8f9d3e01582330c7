/** `npm run check:layers`: prints every import that crosses the allowed directions. */
import { checkLayering } from './rules.ts';
import { REPOSITORY_ROOT, scanRepository } from './scan.ts';

const files = scanRepository(REPOSITORY_ROOT);
const violations = checkLayering(files);
for (const v of violations) console.error(`${v.file}: import '${v.specifier}': ${v.rule}`);
console.log(`layering: ${files.length} files checked, ${violations.length} violations`);
process.exitCode = violations.length === 0 ? 0 : 1;
