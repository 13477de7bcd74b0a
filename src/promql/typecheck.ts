/**
 * The type errors Prometheus' own parser raises after parsing: a range where an instant vector is
 * expected, strings in arithmetic, `bool` outside a comparison, grouping on a set operator…
 */
import type { PromqlNode, ValueType } from './ast.js';
import { AGGREGATE_PARAMS, FUNCTIONS, type Arg } from './functions.js';

const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS = new Set(['and', 'or', 'unless']);

const TYPE_NAMES: Record<ValueType, string> = {
  scalar: 'scalar',
  vector: 'instant vector',
  matrix: 'range vector',
  string: 'string',
};
const ARG_TYPES: Record<Arg, ValueType> = { v: 'vector', m: 'matrix', s: 'scalar', str: 'string' };

export function typeOf(node: PromqlNode, errors: { offset: number; message: string }[]): ValueType | undefined {
  const err = (offset: number, message: string): undefined => {
    errors.push({ offset, message });
    return undefined;
  };
  switch (node.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'selector':
      return 'vector';
    case 'matrix': {
      const inner = unwrapOffset(node.expr);
      if (inner.kind !== 'selector') {
        typeOf(node.expr, errors);
        return err(node.from, 'ranges are only allowed on vector selectors: use a subquery `(...)[range:step]` instead');
      }
      return 'matrix';
    }
    case 'subquery': {
      const t = typeOf(node.expr, errors);
      if (t && t !== 'vector') return err(node.from, `subquery is only allowed on an instant vector, got ${TYPE_NAMES[t]}`);
      return 'matrix';
    }
    case 'offset':
    case 'at': {
      const t = typeOf(node.expr, errors);
      const inner = unwrapOffset(node.expr);
      if (node.kind === 'offset' && inner.kind !== 'selector' && inner.kind !== 'matrix' && inner.kind !== 'subquery') {
        return err(node.from, 'offset must follow a vector selector, a range selector or a subquery: move it inside, next to the metric');
      }
      return t;
    }
    case 'paren':
      return typeOf(node.expr, errors);
    case 'unary': {
      const t = typeOf(node.expr, errors);
      if (t && t !== 'scalar' && t !== 'vector')
        return err(node.from, `unary expression only allowed on scalars and instant vectors, got ${TYPE_NAMES[t]}`);
      return t;
    }
    case 'call':
      return typeOfCall(node, errors);
    case 'aggregate': {
      const param = AGGREGATE_PARAMS[node.op];
      const expected: Arg[] = param ? [param, 'v'] : ['v'];
      if (node.args.length !== expected.length) {
        return err(
          node.from,
          `wrong number of arguments for aggregate expression "${node.op}": expected ${expected.length}, got ${node.args.length}`,
        );
      }
      let ok = true;
      node.args.forEach((arg, i) => {
        const t = typeOf(arg, errors);
        const want = ARG_TYPES[expected[i]!];
        if (t && t !== want) {
          ok = false;
          err(arg.from, `expected type ${TYPE_NAMES[want]} in aggregation "${node.op}", got ${TYPE_NAMES[t]}`);
        }
      });
      return ok ? 'vector' : undefined;
    }
    case 'binary': {
      const l = typeOf(node.left, errors);
      const r = typeOf(node.right, errors);
      if (!l || !r) return undefined;
      for (const [t, side] of [
        [l, node.left],
        [r, node.right],
      ] as const) {
        if (t === 'string' || t === 'matrix') {
          return err(side.from, `binary expression must contain only scalar and instant vector types, got ${TYPE_NAMES[t]}`);
        }
      }
      if (node.bool && !COMPARISONS.has(node.op)) return err(node.from, 'bool modifier can only be used on comparison operators');
      if (COMPARISONS.has(node.op) && l === 'scalar' && r === 'scalar' && !node.bool) {
        return err(node.from, 'comparisons between scalars must use the bool modifier');
      }
      if (SET_OPS.has(node.op) && (l !== 'vector' || r !== 'vector')) {
        return err(node.from, `set operator "${node.op}" not allowed in binary scalar expression`);
      }
      if (node.matching && (l !== 'vector' || r !== 'vector')) {
        return err(node.from, 'vector matching (on/ignoring) only allowed between instant vectors');
      }
      if (node.matching?.group && SET_OPS.has(node.op)) {
        return err(node.from, `no grouping allowed for "${node.op}" operation`);
      }
      return l === 'vector' || r === 'vector' ? 'vector' : 'scalar';
    }
    case 'unknown':
      return undefined;
  }
}

function typeOfCall(node: Extract<PromqlNode, { kind: 'call' }>, errors: { offset: number; message: string }[]): ValueType | undefined {
  const signature = FUNCTIONS[node.name];
  const argTypes = node.args.map((a) => typeOf(a, errors));
  if (!signature) return 'vector'; // experimental functions: parsed, not typed
  const min = signature.args.length - (signature.optional ?? 0);
  const max = signature.variadic ? Infinity : signature.args.length;
  if (node.args.length < min || node.args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    errors.push({
      offset: node.from,
      message: `wrong number of arguments for function "${node.name}": expected ${expected}, got ${node.args.length}`,
    });
    return undefined;
  }
  let ok = true;
  node.args.forEach((arg, i) => {
    const want = ARG_TYPES[signature.args[Math.min(i, signature.args.length - 1)]!];
    const got = argTypes[i];
    if (got && got !== want) {
      ok = false;
      const hint = want === 'matrix' && got === 'vector' ? ': add a range, e.g. [$__rate_interval] or [5m]' : '';
      errors.push({
        offset: arg.from,
        message: `expected type ${TYPE_NAMES[want]} in call to function "${node.name}", got ${TYPE_NAMES[got]}${hint}`,
      });
    }
  });
  return ok ? signature.returns : undefined;
}

function unwrapOffset(n: PromqlNode): PromqlNode {
  return n.kind === 'offset' || n.kind === 'at' ? unwrapOffset(n.expr) : n;
}
