/**
 * backprop-lessons: the shared math module every lesson imports.
 *
 * In a lesson (tslab kernel):   import { Matrix, backprop } from "backprop-lessons";
 * From plain Node after build:  const { Matrix } = require("backprop-lessons");
 *
 * One concept a file; each file below says which lesson derives its equations.
 */
export const VERSION = '0.1.0';
export * from './matrix';
export * from './random';
export * from './activations';
export * from './losses';
export * from './finite-difference';
export * from './tolerance';
export * from './display';
export * from './plot';
export * from './math';
export * from './progress';
export * from './network';
export * from './backprop';
export * from './autograd';
export * from './mnist';
export * from './float32';
export * from './broadcast';
export * from './backprop-with';
export * from './agree';
export * from './derive';
export * from './derive-compare';
export * from './compare-gradients';
export * from './mean-derivative';
export * from './init';
export * from './data';
export * from './kernels';
export * from './train';
export * from './course-common';
export * from './course-week2';
export * from './course-week3';
export * from './course-week4';
export * from './course-gradient-check';
export * from './derive-mutations';
export * from './per-example';
