/**
 * The per-example losses L(1) … L(m) of a derivation's random instance as a function of one of
 * its matrices (a parameter W[l] or b[l], or a layer's Z[l] or A[l]), and their derivatives with
 * respect to single entries by central differences. Only the layers at and above the perturbed
 * matrix are recomputed (nn's forward pass on the rest of the network, from the instance's
 * cached input): the layers below do not read it.
 *
 * A difference whose perturbation moves a ReLU pre-activation across 0 measures neither
 * one-sided slope; the probe reports it (`crossed`) so the entry can be skipped instead of
 * failing a correct claim.
 *
 * Used by: matrix.ts. Used in: lessons 03, 05, 06 (through derive()).
 */
import { Matrix } from '../core/matrix';
import { Rng } from '../core/random';
import { FOUR_POINT_STEP } from '../core/tolerance';
import { NetworkParameters, applyActivation, forwardPass } from '../nn/network';
import { perExampleLoss, resolveLoss } from '../nn/losses';
import type { ResolvedSpec } from './spec';
import type { DerivationInstance } from './types';

/** What a matrix step is differentiated with respect to. */
export type MatrixTarget = { kind: 'parameter'; name: string } | { kind: 'layer'; quantity: 'Z' | 'A'; layer: number };

/**
 * Name of a target in the lessons' bracket notation.
 *
 * Syntax: targetName(target: MatrixTarget): string
 *
 * Examples:
 *   targetName({ kind: 'parameter', name: 'W2' });            // 'W[2]'
 *   targetName({ kind: 'layer', quantity: 'Z', layer: 1 });   // 'Z[1]'
 *
 * See also: probeTarget
 */
export function targetName(target: MatrixTarget): string {
  if (target.kind === 'parameter') return `${target.name[0]}[${target.name.slice(1)}]`;
  return `${target.quantity}[${target.layer}]`;
}

/** The per-example losses as a function of one matrix of the instance, which is perturbed in place. */
export interface Probe {
  /** The matrix whose entries are perturbed: the parameter itself, or a copy of Z[l] or A[l]. */
  value: Matrix;
  /** The losses L(1) … L(m) at the current `value`, and whether a ReLU pre-activation is on the other side of 0 than in the instance. */
  evaluate(): { losses: Float64Array; crossed: boolean };
}

/** Layers first … L of the network as a network of their own (keys W1, b1, … from W[first]). */
function upperNetwork(spec: ResolvedSpec, parameters: NetworkParameters, first: number): { parameters: NetworkParameters; activations: ResolvedSpec['activations'] } {
  const upper: NetworkParameters = {};
  for (let l = first; l <= spec.L; l++) {
    upper[`W${l - first + 1}`] = parameters[`W${l}`];
    upper[`b${l - first + 1}`] = parameters[`b${l}`];
  }
  return { parameters: upper, activations: spec.activations.slice(first - 1) };
}

/** True when some entry is positive in one array and not in the other: a ReLU kink lies between them. */
function signsDiffer(z: Float64Array, base: Float64Array): boolean {
  for (let k = 0; k < z.length; k++) if ((z[k] > 0) !== (base[k] > 0)) return true;
  return false;
}

/**
 * The per-example losses as a function of one matrix of the instance: W[l] and b[l] re-run layers
 * l … L from the cached A[l−1]; Z[l] applies layer l's activation to a perturbed copy, then runs
 * layers l + 1 … L; A[l] runs layers l + 1 … L from a perturbed copy. The upper layers run through
 * nn's forwardPass, the losses through nn's perExampleLoss.
 *
 * Syntax: probeTarget(spec, instance, cache, target: MatrixTarget): Probe
 *
 * Example: `probeTarget(spec, instance, cache, { kind: 'parameter', name: 'W1' }).evaluate().losses.length; // m`
 *
 * See also: entryDerivative, checkMatrixStep, probeLayer (nn: the same for lessons)
 */
export function probeTarget(spec: ResolvedSpec, instance: DerivationInstance, cache: Record<string, Matrix>, target: MatrixTarget): Probe {
  const loss = resolveLoss(spec.loss, spec.activations[spec.L - 1]);
  const parameter = target.kind === 'parameter';
  const layer = parameter ? Number(target.name.slice(1)) : target.layer;
  const value = parameter ? instance.parameters[target.name] : cache[`${target.quantity}${target.layer}`].clone();
  const first = parameter ? layer : layer + 1;
  const upper = upperNetwork(spec, instance.parameters, first);
  const crosses = (l: number, Z: Matrix): boolean => spec.activations[l - 1] === 'relu' && signsDiffer(Z.data, cache[`Z${l}`].data);
  return {
    value,
    evaluate: () => {
      let input = parameter ? cache[`A${layer - 1}`] : value;
      let crossed = false;
      if (!parameter && target.quantity === 'Z') {
        crossed = crosses(layer, value);
        input = applyActivation(spec.activations[layer - 1], value);
      }
      let AL = input;
      if (first <= spec.L) {
        const pass = forwardPass(input, upper.parameters, upper.activations);
        AL = pass.AL;
        for (let l = first; l <= spec.L && !crossed; l++) crossed = crosses(l, pass.cache[`Z${l - first + 1}`]);
      }
      return { losses: perExampleLoss(loss, AL, instance.Y).data, crossed };
    },
  };
}

/**
 * ∂(L(1) … L(m))/∂value_k by the four-point central stencil
 *   (−f(+2h) + 8f(+h) − 8f(−h) + f(−2h)) / 12h,   error O(h⁴),
 * with the entry restored exactly afterwards; `crossed` when any of the four points put a ReLU
 * pre-activation on the other side of 0 than the instance's.
 *
 * Syntax: entryDerivative(probe: Probe, k: number, h = FOUR_POINT_STEP): { row: Float64Array; crossed: boolean }
 *
 * Example: `entryDerivative(probeTarget(spec, instance, cache, target), 0).row.length; // m`
 *
 * See also: probeTarget, entryOrder
 */
export function entryDerivative(probe: Probe, k: number, h = FOUR_POINT_STEP): { row: Float64Array; crossed: boolean } {
  const d = probe.value.data;
  const saved = d[k];
  let crossed = false;
  const at = (t: number): Float64Array => {
    d[k] = saved + t;
    const r = probe.evaluate();
    crossed ||= r.crossed;
    return r.losses;
  };
  const p2 = at(2 * h);
  const p1 = at(h);
  const m1 = at(-h);
  const m2 = at(-2 * h);
  d[k] = saved;
  const row = new Float64Array(p1.length);
  for (let j = 0; j < row.length; j++) row[j] = (-p2[j] + 8 * p1[j] - 8 * m1[j] + m2[j]) / (12 * h);
  return { row, crossed };
}

/**
 * The entries of a matrix with `total` entries in the order they are checked: all of them in
 * order when total ≤ sample, else a seeded random sequence without repetition (a lazy
 * Fisher–Yates shuffle, O(1) per entry), as long as the caller asks for more.
 *
 * Syntax: entryOrder(total: number, sample: number, rng: Rng): Generator<number>
 *
 * Examples:
 *   [...entryOrder(4, 200, createRng(1))];               // [0, 1, 2, 3]
 *   [...entryOrder(100352, 200, createRng(1))].length;   // 100352, in a seeded random order
 *
 * See also: entryDerivative, MATRIX_SAMPLE
 */
export function* entryOrder(total: number, sample: number, rng: Rng): Generator<number> {
  if (total <= sample) {
    for (let k = 0; k < total; k++) yield k;
    return;
  }
  const moved = new Map<number, number>();
  for (let i = 0; i < total; i++) {
    const j = i + rng.integer(total - i);
    const pick = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
    yield pick;
  }
}
