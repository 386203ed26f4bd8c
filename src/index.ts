/**
 * backprop-lessons: the shared math module every lesson imports.
 *
 * In a lesson (tslab kernel):   import { Matrix, backprop, show } from "backprop-lessons";
 * From plain Node after build:  const { Matrix } = require("backprop-lessons");
 *
 * The folders are layers; a folder imports only the ones listed after it:
 *   notebook → course, derive → check → nn → data → core
 * Each file says which lesson derives its equations.
 */
// core: matrices, random numbers, tolerances, text formatting
export * from './core/matrix';
export * from './core/random';
export * from './core/tolerance';
export * from './core/format';
export { InterruptedError } from './core/interrupt';
export * from './core/broadcast';
// nn: activations, losses, the network, the backward pass, training
export * from './nn/activations';
export {
  LossName,
  Loss,
  losses,
  lossNames,
  getLoss,
  perExampleLoss,
  costFromLoss,
  lossGradient,
} from './nn/losses';
export {
  NetworkParameters,
  NetworkOptions,
  ForwardCache,
  NetworkSpec,
  LayerProbe,
  layerCount,
  networkSpec,
  applyActivation,
  forwardPass,
  evaluateOutput,
  networkLosses,
  networkCost,
  probeLayer,
} from './nn/network';
export { InitScheme, initializeNetwork } from './nn/init';
export { Convention, ConventionInfo, conventions, conventionInfo, backwardFactors } from './nn/conventions';
export * from './nn/backprop';
export * from './nn/parameters';
export * from './nn/output';
export { AdamSettings, updateParameters, GradientDescentOptions, gradientDescent } from './nn/optimizers';
export * from './nn/autograd';
export * from './nn/train';
export { HeldOutCosts, EvaluateOptions } from './nn/held-out';
export * from './nn/steps';
export * from './nn/batch-steps';
export * from './nn/float32';
// data: the planar flower and MNIST digits
export * from './data/data';
export * from './data/mnist';
export * from './data/separable';
// check: finite differences and one family of comparisons
export * from './check/finite-difference';
export * from './check/per-example';
export * from './check/compare';
export * from './check/mean-derivative';
export * from './check/steps';
// course: the course's functions, with the course's names and signatures
export * from './course/common';
export * from './course/week2';
export * from './course/week3';
export * from './course/week4';
export * from './course/gradient-check';
export * from './course/cases';
export * from './course/published';
// derive: derivations that check themselves
export * from './derive/derive';
export * from './derive/compare';
export * from './derive/mutations';
// notebook: display, charts, math, progress (the only layer that knows tslab)
export { MimeBundle, DisplayOptions, inNotebook } from './notebook/display';
export * from './notebook/show';
export * from './notebook/plot';
export * from './notebook/math';
export * from './notebook/progress';
export * from './notebook/exercise';
