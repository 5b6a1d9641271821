// HCL error recovery. tree-sitter's own recovery has known gaps: a missing `}` swallows every later block
// into the open one; an unterminated string runs to the end of the file; a block header without `{` or
// with labels over several lines is accepted or mangled. So when a file has errors it is split at
// top-level lines (an identifier in column 0 starts a block or a tfvars attribute) and every piece is
// parsed on its own: one broken block does not hide the findings of the others. Unterminated strings
// are repaired for the second parse by blanking the opening quote (same length, so every offset stays
// true). The broken-* Terraform fixtures are the specification of what is reported.

import type { Finding } from '../../design';
import type { LineIndex } from '../../lines';
import type { Block, Body } from './ast';
import { collectBody } from './hcl-convert';
import { hclParser, kids, snapshot, type Node } from './hcl-tree';

export function syntaxFinding(file: string, start: number, end: number, message: string, fix?: { title: string; at: number; newText: string }): Finding {
  return {
    ruleId: 'syntax',
    severity: 'error',
    message,
    loc: { file, start, end },
    data: {},
    related: [],
    fixes: fix ? [{ title: fix.title, edits: [{ file, start: fix.at, end: fix.at, newText: fix.newText }], preferred: true }] : [],
  };
}

/**
 * [start, end) of each piece: a new one starts at every line whose first column holds an identifier,
 * except inside a heredoc (whose text may start in column 0).
 */
export function topLevelPieces(text: string): Array<[number, number]> {
  const starts = [0];
  let heredoc: string | undefined;
  let pos = 0;
  for (const line of text.split('\n')) {
    if (heredoc) {
      if (line.trim() === heredoc) heredoc = undefined;
    } else {
      if (pos > 0 && /^[A-Za-z_]/.test(line)) starts.push(pos);
      heredoc = /<<-?[ \t]*([A-Za-z_]\w*)\s*$/.exec(line)?.[1];
    }
    pos += line.length + 1;
  }
  return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1]! : text.length]);
}

export function parsePiece(
  file: string,
  text: string,
  lines: LineIndex,
  piece: string,
  offset: number,
  nextStart: number,
  body: Body,
  findings: Finding[],
): void {
  let tree = hclParser()!.parse(piece);
  if (!tree) return;
  let root = snapshot(tree, piece);
  tree.delete();
  if (!root.hasError) {
    collectBody(root, offset, body);
    return;
  }
  const before = findings.length;
  // 1. Strings that run past their line: HCL has no multi-line quoted strings.
  // 2. `name =` with nothing after it (typing in progress): commented out for the second parse.
  const strings = unterminatedStrings(file, piece, offset, lines, findings);
  const repaired = missingValues(file, strings ?? piece, offset, findings) ?? strings;
  // 3. A block header with no `{` on its line.
  const headerLine = piece.slice(0, piece.indexOf('\n') < 0 ? piece.length : piece.indexOf('\n'));
  const header = /^([A-Za-z_][\w-]*)((?:\s+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*)\s*(?:#.*|\/\/.*)?$/.exec(headerLine);
  const text2 = repaired ?? piece;
  if (header && !headerLine.includes('=') && header[2]!.trim() !== '' && !/^\s*\{/.test(piece.slice(headerLine.length))) {
    const at = offset + header[1]!.length + header[2]!.length;
    const lastLabel = /(?:"[^"\n]*"|[A-Za-z_][\w-]*)\s*$/.exec(header[2]!)!;
    findings.push(
      syntaxFinding(
        file,
        at - lastLabel[0].trimEnd().length - (header[2]!.length - header[2]!.trimEnd().length),
        at,
        `Block header \`${(header[1]! + header[2]!).trim()}\` has no \`{\`: a block's body starts with \`{\` on the header line.`,
        {
          title: 'Insert `{`',
          at,
          newText: ' {',
        },
      ),
    );
  }
  if (repaired !== undefined) {
    tree = hclParser()!.parse(text2);
    if (!tree) return;
    root = snapshot(tree, text2);
    tree.delete();
  }
  if (findings.length === before) describeErrors(file, text, lines, root, offset, nextStart, findings);
  collectBody(root, offset, body);
}

/** Reports `name =` lines without a value; returns the text with those lines commented out, or undefined. */
function missingValues(file: string, piece: string, offset: number, findings: Finding[]): string | undefined {
  const re = /^([ \t]*)([A-Za-z_][\w-]*)[ \t]*=[ \t]*(?:(?:#|\/\/).*)?$/gm;
  let out: string | undefined;
  for (let m = re.exec(piece); m; m = re.exec(piece)) {
    const start = m.index + m[1]!.length;
    const eq = piece.indexOf('=', start);
    findings.push(syntaxFinding(file, offset + start, offset + eq + 1, `Attribute \`${m[2]}\` has no value after \`=\`.`));
    out = (out ?? piece).slice(0, start) + '#' + (out ?? piece).slice(start + 1);
  }
  return out;
}

/** Reports quoted strings whose line ends before the closing quote; returns the piece with those quotes blanked. */
function unterminatedStrings(file: string, piece: string, offset: number, lines: LineIndex, findings: Finding[]): string | undefined {
  let out: string | undefined;
  let inHeredoc: string | undefined;
  const rows = piece.split('\n');
  let pos = 0;
  for (const row of rows) {
    const rowStart = pos;
    pos += row.length + 1;
    if (inHeredoc) {
      if (row.trim() === inHeredoc) inHeredoc = undefined;
      continue;
    }
    const heredoc = /<<-?\s*([A-Za-z_]\w*)\s*$/.exec(row);
    let open = -1;
    let depth = 0;
    for (let i = 0; i < row.length; i++) {
      const c = row[i]!;
      if (open < 0) {
        if (c === '#' || (c === '/' && row[i + 1] === '/')) break;
        if (c === '"') open = i;
      } else if (c === '\\') i++;
      else if (c === '$' && row[i + 1] === '{') {
        depth++;
        i++;
      } else if (c === '}' && depth > 0) depth--;
      else if (c === '"' && depth === 0) open = -1;
    }
    if (open >= 0) {
      const start = offset + rowStart + open;
      const end = offset + rowStart + row.replace(/\r$/, '').length;
      findings.push(
        syntaxFinding(
          file,
          start,
          Math.max(end, start + 1),
          `Unterminated string: the \`"\` on line ${lines.position(start).line + 1} has no closing quote on its line (HCL strings cannot span lines; use a heredoc \`<<EOT\` for multi-line text).`,
          {
            title: 'Close the string',
            at: end,
            newText: '"',
          },
        ),
      );
      out = (out ?? piece).slice(0, rowStart + open) + ' ' + (out ?? piece).slice(rowStart + open + 1);
    }
    if (heredoc) inHeredoc = heredoc[1];
  }
  return out;
}

const CLOSER: Record<string, string> = { '[': ']', '(': ')', '{': '}' };

/** The first `[`, `(` or `{` of a snippet that is never closed (strings and comments skipped). */
function unclosedBracket(src: string): { char: string; index: number } | undefined {
  const stack: Array<{ char: string; index: number }> = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"' && src[i] !== '\n'; i++) if (src[i] === '\\') i++;
    } else if (c === '#' || (c === '/' && src[i + 1] === '/')) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '[' || c === '(' || c === '{') stack.push({ char: c, index: i });
    else if (c === ']' || c === ')' || c === '}') {
      if (stack.length && CLOSER[stack[stack.length - 1]!.char] === c) stack.pop();
      else return undefined; // a stray closer: not this kind of error
    }
  }
  return stack[0];
}

const BRACE_NAMES: Record<string, string> = { '}': 'closing `}`', ']': 'closing `]`', ')': 'closing `)`', '{': '`{`', '=': '`=`', '"': 'closing `"`' };

function describeErrors(file: string, text: string, lines: LineIndex, root: Node, offset: number, nextStart: number, findings: Finding[]): void {
  let reported = 0;
  const found: Finding[] = [];
  const visit = (n: Node, openBlock: Node | undefined) => {
    if (reported >= 3) return;
    if (n.isMissing) {
      if (n.type === 'heredoc_identifier') {
        let opener: RegExpExecArray | undefined;
        const re = /<<-?[ \t]*([A-Za-z_]\w*)/g;
        const before = text.slice(offset, offset + n.startIndex);
        for (let m = re.exec(before); m; m = re.exec(before)) opener = m;
        const at = offset + (opener ? opener.index : n.startIndex);
        // The heredoc swallowed the rest of the piece: anything else reported here is its echo.
        found.length = 0;
        found.push(
          syntaxFinding(
            file,
            at,
            at + (opener ? opener[0].length : 0),
            `Unterminated heredoc: \`<<${opener?.[1] ?? ''}\` on line ${lines.position(at).line + 1} has no closing line \`${opener?.[1] ?? 'EOT'}\`.`,
          ),
        );
        reported = 3;
        return;
      }
      const what = BRACE_NAMES[n.type] ?? `\`${n.type}\``;
      const at = offset + n.startIndex;
      if (n.type === '}' && openBlock) {
        const hdr = headerText(openBlock, text, offset);
        const line = lines.position(offset + openBlock.startIndex).line + 1;
        // The insertion goes before the next top-level line, where the user meant the block to end.
        const insertAt = nextStart;
        const brace = offset + headerEnd(openBlock);
        found.push(
          syntaxFinding(
            file,
            brace,
            brace + 1,
            `Missing \`}\`: the block \`${hdr}\` opened on line ${line} is not closed before ${insertAt >= text.length ? 'the end of the file' : `line ${lines.position(insertAt).line + 1}`}.`,
            {
              title: 'Insert the missing `}`',
              at: insertAt,
              newText: insertAt >= text.length && !text.endsWith('\n') ? '\n}\n' : '}\n',
            },
          ),
        );
      } else {
        found.push(syntaxFinding(file, at, at, `Missing ${what}.`));
      }
      reported++;
      return;
    }
    if (n.type === 'ERROR') {
      const start = offset + n.startIndex;
      const open = unclosedBracket(n.text);
      if (open) {
        const at = start + open.index;
        found.push(syntaxFinding(file, at, at + 1, `\`${open.char}\` on line ${lines.position(at).line + 1} is not closed: add \`${CLOSER[open.char]}\`.`));
        reported++;
        return;
      }
      const first = n.child(0);
      const token = (first ?? n).text.split('\n')[0]!.slice(0, 40);
      const inBlock = openBlock ? ` in block \`${headerText(openBlock, text, offset)}\`` : '';
      found.push(
        syntaxFinding(
          file,
          start,
          Math.max(start + 1, offset + Math.min(n.endIndex, n.startIndex + token.length)),
          `Unexpected \`${token}\`${inBlock}: expected an attribute (\`name = value\`), a block (\`type "label" { ... }\`) or \`}\`.`,
        ),
      );
      reported++;
      return;
    }
    if (!n.hasError) return;
    const block = n.type === 'block' ? n : openBlock;
    for (const c of kids(n)) visit(c, block);
  };
  visit(root, undefined);
  findings.push(...found);
}

function headerEnd(block: Node): number {
  for (const c of kids(block)) if (c.type === 'block_start') return c.startIndex;
  return Math.min(block.endIndex, block.startIndex + (block.text.indexOf('\n') < 0 ? block.text.length : block.text.indexOf('\n')));
}

function headerText(block: Node, text: string, offset: number): string {
  return text
    .slice(offset + block.startIndex, offset + headerEnd(block))
    .trim()
    .replace(/\s+/g, ' ');
}

/** A block's type, labels and `{` must share one line; tree-sitter accepts them over several. */
export function headerChecks(file: string, text: string, lines: LineIndex, list: Block[], findings: Finding[]): void {
  for (const b of list) {
    const hdr = text.slice(b.header.start, b.header.end);
    const open = text.indexOf('{', b.header.end);
    if (hdr.includes('\n') || (open >= 0 && text.slice(b.header.end, open).includes('\n'))) {
      findings.push(
        syntaxFinding(
          file,
          b.header.start,
          b.header.end,
          `Block header \`${hdr.replace(/\s+/g, ' ')}\` spans lines ${lines.position(b.header.start).line + 1}-${lines.position(open).line + 1}: the type, the labels and \`{\` must be on one line.`,
        ),
      );
    }
    headerChecks(file, text, lines, b.body.blocks, findings);
  }
}
