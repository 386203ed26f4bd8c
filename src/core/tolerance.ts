/**
 * The one tolerance the tests share: the largest relative difference
 * ‖a − b‖ / (‖a‖ + ‖b‖) accepted between two computations of the same float64 quantity,
 * including an analytic gradient against a two-sided finite difference with ε = 1e-6
 * (truncation ~ε² and round-off ~1e-16/ε ≈ 1e-10, far below it). A wrong factor such as a
 * doubled 1/m gives (m − 1)/(m + 1), orders of magnitude above it.
 *
 * Example: `relativeDifference(dW, numericGradient(J, W)) < TOLERANCE; // true for a correct dW`
 */
export const TOLERANCE = 1e-7;
