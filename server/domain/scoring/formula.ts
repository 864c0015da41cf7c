/**
 * Formulas over statement line items (SPEC 5.2): a tokenizer and a recursive-descent parser producing an AST,
 * and an evaluator. Formulas are admin-entered data, so they are parsed, never handed to eval/Function.
 *
 * Grammar (whitespace ignored):
 *   expr    := term (("+" | "-") term)*
 *   term    := unary (("*" | "/") unary)*
 *   unary   := ("-" | "+") unary | primary
 *   primary := NUMBER | "(" expr ")" | ITEM | "prev" "." ITEM | "fact" "." KEY
 *            | "avg" "(" ITEM ")" | ("abs" | "ln") "(" expr ")" | ("min" | "max") "(" expr ("," expr)* ")"
 *   ITEM    := two upper-case letters and three digits (BS013, IS001, CF001)
 *
 * Two extensions beyond SPEC 5.2, both needed by the shipped models: `ln(x)` (size factors; x <= 0 is missing)
 * and `fact.key` (a numeric input fact, for customers without statements such as individuals).
 *
 * Missing values: a missing item, a missing previous period, a division by zero or any non-finite intermediate
 * result makes the whole formula missing (`null`).
 */
import { DomainError } from "@/server/domain/errors";
import { toFiniteNumber } from "./formula-values";
import { InputLayout, loadSlots } from "./input-layout";

export { toFiniteNumber };

export type FormulaNode =
  | { kind: "number"; value: number }
  | { kind: "item"; code: string; period: "current" | "previous" }
  | { kind: "avg"; code: string }
  | { kind: "fact"; key: string }
  | { kind: "negate"; operand: FormulaNode }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: FormulaNode; right: FormulaNode }
  | { kind: "call"; fn: "abs" | "ln" | "min" | "max"; args: FormulaNode[] };

export type StatementItems = Record<string, unknown>;
export interface Statements {
  current?: StatementItems | null;
  previous?: StatementItems | null;
}
export type Facts = Record<string, unknown>;

export const ITEM_CODE_PATTERN = /^[A-Z]{2}[0-9]{3}$/;
const FACT_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_FORMULA_LENGTH = 500;
/** Deep nesting is never legitimate and would otherwise let a hostile draft overflow the stack. */
const MAX_DEPTH = 40;

// ---------------------------------------------------------------------------------------------------------
// Tokenizer

type TokenKind = "number" | "name" | "op" | "(" | ")" | "," | "." | "end";
interface Token {
  kind: TokenKind;
  text: string;
  position: number;
}

const NUMBER_AT = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?/y;
const NAME_AT = /[A-Za-z_][A-Za-z0-9_]*/y;

function formulaError(position: number, en: string, zh: string): DomainError {
  const column = position + 1;
  return new DomainError("INVALID_FORMULA", `${en} at column ${column}`, {
    params: { position, column, detail: `${en} at column ${column}`, detailZh: `第 ${column} 个字符处：${zh}` },
  });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      i++;
      continue;
    }
    NUMBER_AT.lastIndex = i;
    const number = NUMBER_AT.exec(text);
    if (number) {
      tokens.push({ kind: "number", text: number[0], position: i });
      i += number[0].length;
      continue;
    }
    NAME_AT.lastIndex = i;
    const name = NAME_AT.exec(text);
    if (name) {
      tokens.push({ kind: "name", text: name[0], position: i });
      i += name[0].length;
      continue;
    }
    if (ch === "+" || ch === "-" || ch === "*" || ch === "/") tokens.push({ kind: "op", text: ch, position: i });
    else if (ch === "(" || ch === ")" || ch === "," || ch === ".") tokens.push({ kind: ch, text: ch, position: i });
    else throw formulaError(i, `Unexpected character '${ch}'`, `无法识别的字符“${ch}”`);
    i++;
  }
  tokens.push({ kind: "end", text: "", position: text.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Parser

class Parser {
  private index = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FormulaNode {
    const node = this.expression();
    const next = this.peek();
    if (next.kind !== "end") throw this.unexpected(next);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private take(): Token {
    return this.tokens[this.index++];
  }

  private expect(kind: TokenKind, en: string, zh: string): Token {
    const token = this.peek();
    if (token.kind !== kind) throw formulaError(token.position, `${en}, found ${describe(token)}`, `${zh}，实际为${describeZh(token)}`);
    return this.take();
  }

  private unexpected(token: Token): DomainError {
    return formulaError(token.position, `Unexpected ${describe(token)}`, `意外的${describeZh(token)}`);
  }

  private expression(): FormulaNode {
    if (++this.depth > MAX_DEPTH) throw formulaError(this.peek().position, "Formula is nested too deeply", "公式嵌套层数过多");
    let node = this.term();
    while (this.peek().kind === "op" && (this.peek().text === "+" || this.peek().text === "-")) {
      const op = this.take().text as "+" | "-";
      node = { kind: "binary", op, left: node, right: this.term() };
    }
    this.depth--;
    return node;
  }

  private term(): FormulaNode {
    let node = this.unary();
    while (this.peek().kind === "op" && (this.peek().text === "*" || this.peek().text === "/")) {
      const op = this.take().text as "*" | "/";
      node = { kind: "binary", op, left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): FormulaNode {
    const token = this.peek();
    if (token.kind === "op" && (token.text === "-" || token.text === "+")) {
      if (++this.depth > MAX_DEPTH) throw formulaError(token.position, "Formula is nested too deeply", "公式嵌套层数过多");
      this.take();
      const operand = this.unary();
      this.depth--;
      return token.text === "-" ? { kind: "negate", operand } : operand;
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const token = this.take();
    switch (token.kind) {
      case "number": {
        const value = Number(token.text);
        if (!Number.isFinite(value)) throw formulaError(token.position, `Number ${token.text} is too large`, `数值 ${token.text} 过大`);
        return { kind: "number", value };
      }
      case "(": {
        const inner = this.expression();
        this.expect(")", "Expected ')'", "缺少右括号“)”");
        return inner;
      }
      case "name":
        return this.named(token);
      default:
        throw this.unexpected(token);
    }
  }

  private named(token: Token): FormulaNode {
    const name = token.text;
    if (ITEM_CODE_PATTERN.test(name)) return { kind: "item", code: name, period: "current" };
    if (name === "prev") return { kind: "item", code: this.dottedItem(), period: "previous" };
    if (name === "fact") {
      this.expect(".", "Expected '.' after 'fact'", "“fact”后应为“.”");
      const key = this.expect("name", "Expected a fact key", "应为输入项代码");
      if (!FACT_KEY_PATTERN.test(key.text)) throw formulaError(key.position, `'${key.text}' is not a valid fact key`, `“${key.text}”不是有效的输入项代码`);
      return { kind: "fact", key: key.text };
    }
    if (name === "avg") {
      this.expect("(", "Expected '(' after 'avg'", "“avg”后应为“(”");
      const item = this.expect("name", "avg() takes one item code such as BS007", "avg() 的参数应为一个报表项目代码，如 BS007");
      if (!ITEM_CODE_PATTERN.test(item.text)) throw formulaError(item.position, `avg() takes one item code such as BS007, found '${item.text}'`, `avg() 的参数应为报表项目代码，实际为“${item.text}”`);
      this.expect(")", "Expected ')' after the avg() item", "avg() 参数后应为“)”");
      return { kind: "avg", code: item.text };
    }
    if (name === "abs" || name === "ln" || name === "min" || name === "max") return this.call(name, token);
    throw formulaError(
      token.position,
      `Unknown name '${name}' (expected an item code like BS013, prev., fact., avg, abs, ln, min or max)`,
      `未知名称“${name}”（应为 BS013 之类的项目代码或 prev.、fact.、avg、abs、ln、min、max）`,
    );
  }

  private dottedItem(): string {
    this.expect(".", "Expected '.' after 'prev'", "“prev”后应为“.”");
    const item = this.expect("name", "Expected an item code after 'prev.'", "“prev.”后应为报表项目代码");
    if (!ITEM_CODE_PATTERN.test(item.text)) throw formulaError(item.position, `'${item.text}' is not an item code`, `“${item.text}”不是报表项目代码`);
    return item.text;
  }

  private call(fn: "abs" | "ln" | "min" | "max", token: Token): FormulaNode {
    this.expect("(", `Expected '(' after '${fn}'`, `“${fn}”后应为“(”`);
    const args = [this.expression()];
    while (this.peek().kind === ",") {
      this.take();
      args.push(this.expression());
    }
    this.expect(")", "Expected ')' or ','", "应为“)”或“,”");
    if ((fn === "abs" || fn === "ln") && args.length !== 1) {
      throw formulaError(token.position, `${fn}() takes exactly one argument`, `${fn}() 只接受一个参数`);
    }
    return { kind: "call", fn, args };
  }
}

function describe(token: Token): string {
  return token.kind === "end" ? "end of formula" : `'${token.text}'`;
}

function describeZh(token: Token): string {
  return token.kind === "end" ? "公式结尾" : `“${token.text}”`;
}

/** Parses a formula; throws DomainError("INVALID_FORMULA") with `params.position` (0-based) and `params.column`. */
export function parseFormula(text: string): FormulaNode {
  if (typeof text !== "string" || text.trim() === "") throw formulaError(0, "Formula is empty", "公式为空");
  if (text.length > MAX_FORMULA_LENGTH) throw formulaError(MAX_FORMULA_LENGTH, `Formula is longer than ${MAX_FORMULA_LENGTH} characters`, `公式超过 ${MAX_FORMULA_LENGTH} 个字符`);
  return new Parser(tokenize(text)).parse();
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

/**
 * A compiled formula over input slots (see input-layout.ts): current-period items, previous-period items and
 * numeric facts, each a Float64Array indexed by the slots the formula was compiled against. NaN stands for
 * "missing" inside the closures because a numeric-only return type keeps them fast; the public API turns it
 * into null.
 */
export type CompiledFormula = (current: Float64Array, previous: Float64Array, facts: Float64Array) => number;

/** x - x is 0 for finite numbers and NaN for NaN and +-Infinity: one cheap test for "still a usable number". */
function finiteOrNaN(x: number): number {
  return x - x === 0 ? x : NaN;
}

export function compileFormula(node: FormulaNode, layout: InputLayout): CompiledFormula {
  switch (node.kind) {
    case "number": {
      const value = node.value;
      return () => value;
    }
    case "item": {
      const slot = layout.itemSlot(node.code);
      return node.period === "current" ? (current) => current[slot] : (_current, previous) => previous[slot];
    }
    case "avg": {
      const slot = layout.itemSlot(node.code);
      return (current, previous) => finiteOrNaN((current[slot] + previous[slot]) / 2);
    }
    case "fact": {
      const slot = layout.factSlot(node.key);
      return (_current, _previous, facts) => facts[slot];
    }
    case "negate": {
      const operand = compileFormula(node.operand, layout);
      return (c, p, f) => -operand(c, p, f);
    }
    case "binary":
      return compileBinary(node.op, compileFormula(node.left, layout), compileFormula(node.right, layout));
    case "call":
      return compileCall(node.fn, node.args.map((arg) => compileFormula(arg, layout)));
  }
}

function compileBinary(op: "+" | "-" | "*" | "/", left: CompiledFormula, right: CompiledFormula): CompiledFormula {
  switch (op) {
    case "+":
      return (c, p, f) => finiteOrNaN(left(c, p, f) + right(c, p, f));
    case "-":
      return (c, p, f) => finiteOrNaN(left(c, p, f) - right(c, p, f));
    case "*":
      return (c, p, f) => finiteOrNaN(left(c, p, f) * right(c, p, f));
    case "/":
      return (c, p, f) => {
        const divisor = right(c, p, f);
        return divisor === 0 ? NaN : finiteOrNaN(left(c, p, f) / divisor);
      };
  }
}

function compileCall(fn: "abs" | "ln" | "min" | "max", args: CompiledFormula[]): CompiledFormula {
  switch (fn) {
    case "abs": {
      const [arg] = args;
      return (c, p, f) => Math.abs(arg(c, p, f));
    }
    case "ln": {
      const [arg] = args;
      return (c, p, f) => {
        const x = arg(c, p, f);
        return x > 0 ? Math.log(x) : NaN;
      };
    }
    case "min":
    case "max": {
      // Math.min/max propagate NaN, so one missing argument makes the result missing, as SPEC 5.2 requires.
      const pick = fn === "min" ? Math.min : Math.max;
      if (args.length === 2) {
        const [a, b] = args;
        return (c, p, f) => pick(a(c, p, f), b(c, p, f));
      }
      return (c, p, f) => {
        let result = args[0](c, p, f);
        for (let i = 1; i < args.length; i++) result = pick(result, args[i](c, p, f));
        return result;
      };
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Evaluates a parsed formula; null means missing (never NaN or Infinity). */
export function evaluateFormula(node: FormulaNode, statements: Statements, facts: Facts = {}): number | null {
  const layout = new InputLayout();
  const compiled = compileFormula(node, layout);
  const current = new Float64Array(layout.items.length);
  const previous = new Float64Array(layout.items.length);
  const factValues = new Float64Array(layout.facts.length);
  loadSlots(layout.items, isRecord(statements?.current) ? statements.current : {}, current);
  loadSlots(layout.items, isRecord(statements?.previous) ? statements.previous : null, previous);
  loadSlots(layout.facts, isRecord(facts) ? facts : {}, factValues);
  const result = compiled(current, previous, factValues);
  return result - result === 0 ? result + 0 : null; // + 0 turns -0 into 0 so stored results compare exactly
}

// ---------------------------------------------------------------------------------------------------------
// References

export interface FormulaReferences {
  /** Item codes read from the current period (including through avg()). */
  items: string[];
  /** Item codes read from the previous period (prev.X and avg(X)). */
  previousItems: string[];
  /** Numeric facts read through fact.key. */
  facts: string[];
}

export function formulaReferences(node: FormulaNode): FormulaReferences {
  const items = new Set<string>();
  const previousItems = new Set<string>();
  const facts = new Set<string>();
  const visit = (n: FormulaNode): void => {
    switch (n.kind) {
      case "item":
        (n.period === "current" ? items : previousItems).add(n.code);
        return;
      case "avg":
        items.add(n.code);
        previousItems.add(n.code);
        return;
      case "fact":
        facts.add(n.key);
        return;
      case "negate":
        visit(n.operand);
        return;
      case "binary":
        visit(n.left);
        visit(n.right);
        return;
      case "call":
        n.args.forEach(visit);
        return;
      case "number":
        return;
    }
  };
  visit(node);
  return { items: [...items].sort(), previousItems: [...previousItems].sort(), facts: [...facts].sort() };
}

/** Every statement item code the formula reads, in either period. */
export function formulaItems(node: FormulaNode): string[] {
  const { items, previousItems } = formulaReferences(node);
  return [...new Set([...items, ...previousItems])].sort();
}
