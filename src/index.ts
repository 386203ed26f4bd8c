/**
 * backprop-lessons: the shared math module every lesson imports.
 *
 * In a lesson (tslab kernel):   import { Matrix, backprop } from "backprop-lessons";
 * From plain Node after build:  const { Matrix } = require("backprop-lessons");
 *
 * One concept a file; each file below says which lesson derives its equations.
 */
export const VERSION = '0.1.0';
export * from './core/matrix';
export * from './core/random';
export * from './nn/activations';
export * from './nn/losses';
export * from './check/finite-difference';
export * from './core/tolerance';
export * from './notebook/display';
export * from './notebook/plot';
export * from './notebook/math';
export * from './notebook/progress';
export * from './nn/network';
export * from './nn/backprop';
export * from './nn/autograd';
export * from './data/mnist';
export * from './nn/float32';
export * from './core/broadcast';
export * from './nn/backprop-with';
export * from './check/agree';
export * from './derive/derive';
export * from './derive/compare';
export * from './check/compare-gradients';
export * from './check/mean-derivative';
export * from './nn/init';
export * from './data/data';
export * from './core/kernels';
export * from './nn/train';
export * from './course/common';
export * from './course/week2';
export * from './course/week3';
export * from './course/week4';
export * from './course/gradient-check';
export * from './derive/mutations';
export * from './check/per-example';
