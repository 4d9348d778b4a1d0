import { evalExpr } from 'mingo/core';
import { $avg, $max, $min, $sum } from 'mingo/operators/accumulator';
import type { AccumulatorOperator, ExpressionOperator, Options } from 'mingo/types';
import { compareBson } from './bson-order';

type Accumulator = (coll: unknown[], expr: unknown, options: Options) => unknown;

/**
 * `$min`, `$max`, `$sum` and `$avg` used as expressions (in `$project`, `$addFields`, `$set`)
 * answer as mongod when their one operand is not an array: mingo refuses ("arguments must
 * resolve to array"), mongod takes the value itself — so a missing field gives `null` (`0` for
 * `$sum`), a number gives the number. Arrays, and `$group`'s accumulators, go to mingo as before.
 * `$min`/`$max` over a list of two or more operands pick by mongod's order of values
 * (`bson-order.ts`: an array there is one value, after numbers), where mingo's order would
 * search the array; null and missing operands are skipped. A list of one is that one operand.
 */
function singleOperand(accumulate: Accumulator, notArray: (value: unknown) => unknown, pick?: (order: number) => boolean): ExpressionOperator {
  const operator = (obj: unknown, expr: unknown, options: Options): unknown => {
    // In `$group` mingo hands the whole group here as an array: that is its accumulator's job.
    if (Array.isArray(obj)) return accumulate(obj, expr, options);
    if (Array.isArray(expr) && expr.length === 1) expr = expr[0];
    if (Array.isArray(expr) && pick) {
      const values = expr.map((e) => evalExpr(obj, e, options)).filter((v) => v !== null && v !== undefined);
      return values.length ? values.reduce((best, v) => (pick(compareBson(v, best)) ? v : best)) : null;
    }
    const value = evalExpr(obj, expr, options);
    return Array.isArray(value) ? accumulate(value, null, options) : notArray(value);
  };
  return operator as ExpressionOperator;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
const orNull = (v: unknown) => (v === undefined ? null : v);
const asAccumulator = (op: AccumulatorOperator) => op as unknown as Accumulator;

export const SINGLE_OPERAND_ACCUMULATORS: Record<string, ExpressionOperator> = {
  $min: singleOperand(asAccumulator($min), orNull, (order) => order < 0),
  $max: singleOperand(asAccumulator($max), orNull, (order) => order > 0),
  $sum: singleOperand(asAccumulator($sum), (v) => (isNumber(v) ? v : 0)),
  $avg: singleOperand(asAccumulator($avg), (v) => (isNumber(v) ? v : null)),
};
