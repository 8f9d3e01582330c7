/**
 * Finds the module specifiers a TypeScript file imports: static imports and re-exports (type-only
 * ones too: a type import still ties one layer to another), dynamic import() and require().
 */
const COMMENTS = /\/\*[\s\S]*?\*\/|(^|[^:\\])\/\/.*$/gm;
const PATTERNS = [
  /\bimport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

export function importSpecifiers(source: string): string[] {
  const code = source.replace(COMMENTS, '$1');
  const found = new Set<string>();
  for (const pattern of PATTERNS) {
    for (const match of code.matchAll(pattern)) found.add(match[1]!);
  }
  return [...found];
}
