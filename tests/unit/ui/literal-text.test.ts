/**
 * No words on screen that skip the translations: JSX text, and the text-bearing attributes of
 * elements and of our own components, must come from t(). Finds them with the TypeScript parser,
 * so formatting and line breaks cannot hide one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const PAGES = ['src/popup', 'src/options', 'src/trends', 'src/ui'];
/** Attributes people read or hear. */
const TEXT_ATTRIBUTES = new Set(['label', 'title', 'caption', 'placeholder', 'aria-label', 'alt', 'cancel', 'confirm']);
/** Text that reads the same in every language. */
const NEUTRAL = /^[\s\d·–—:;,.()%=+\-/×?!'"’“”…&|*#]*$/;

function tsxFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => join(ROOT, dir, f));
}

/**
 * A string that ends up as a JSX child or text attribute: reached through conditionals, `&&`,
 * `||`, `??`, parentheses and template literals, not through a call (t('key') is a call).
 */
function shownAsChild(node: ts.Node, source: ts.SourceFile): boolean {
  let at: ts.Node = node;
  for (;;) {
    const up = at.parent;
    if (ts.isJsxExpression(up)) {
      return !ts.isJsxAttribute(up.parent) || TEXT_ATTRIBUTES.has(up.parent.name.getText(source));
    }
    const passes =
      (ts.isConditionalExpression(up) && up.condition !== at) ||
      (ts.isBinaryExpression(up) &&
        [
          ts.SyntaxKind.AmpersandAmpersandToken,
          ts.SyntaxKind.BarBarToken,
          ts.SyntaxKind.QuestionQuestionToken,
        ].includes(up.operatorToken.kind)) ||
      ts.isParenthesizedExpression(up) ||
      ts.isTemplateSpan(up) ||
      ts.isTemplateExpression(up);
    if (!passes) return false;
    at = up;
  }
}

function literalTexts(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${relative(ROOT, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && !NEUTRAL.test(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      const literal =
        value && ts.isStringLiteral(value)
          ? value.text
          : value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression)
            ? value.expression.text
            : undefined;
      if (literal !== undefined && !NEUTRAL.test(literal)) {
        found.push(`${where(node)} ${node.name.getText(source)}="${literal}"`);
      }
    }
    const isText = ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node);
    if (isText && !NEUTRAL.test(node.text) && shownAsChild(node, source)) found.push(`${where(node)} {"${node.text}"}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('UI text', () => {
  it('comes from the translations on every page', () => {
    const files = PAGES.flatMap(tsxFiles);
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(literalTexts)).toEqual([]);
  });

  it('is not written into the pages’ HTML either', () => {
    const pages = PAGES.flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((f) => f.endsWith('.html'))
        .map((f) => join(ROOT, dir, f)),
    );
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      const body = /<body>([\s\S]*)<\/body>/.exec(readFileSync(page, 'utf8'))?.[1] ?? '';
      expect(body.replace(/<[^>]*>/g, '').trim(), relative(ROOT, page)).toBe('');
    }
  });

  it('is found by this check when written literally', () => {
    const probe = join(ROOT, 'node_modules/.cache/literal-text-probe.tsx');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the probe is TSX source holding a template literal.
    ts.sys.writeFile(probe, 'export const A = () => <p title="Hello">Hi {"there"} {x ? "a" : `b${y}c`} {t("ok")}</p>;');
    expect(literalTexts(probe)).toHaveLength(6);
  });
});
