/**
 * Every tolerance and finite-difference step the module uses, in one place, each with the
 * reason for its size. Tests and lessons import these names instead of writing numbers.
 *
 * The comparisons use the course's relative difference ‖a − b‖ / (‖a‖ + ‖b‖): a wrong factor such
 * as a doubled or missing 1/m gives (m − 1)/(m + 1), orders of magnitude above every value here.
 *
 * Derived in: lesson 06-gradient-checking (the error of a finite difference against its step).
 */

/**
 * Largest relative difference accepted between two computations of the same float64 quantity
 * (two formulas, two conventions, a loop against a matrix product): round-off reaches ~1e-15
 * relative, so 1e-7 leaves eight orders of magnitude and still fails any wrong factor.
 *
 * Example: `relativeDifference(dWcourse, dWlearner) < TOLERANCE; // true: same gradient, two notations`
 */
export const TOLERANCE = 1e-7;

/**
 * The default step ε of a two-sided finite difference (f(θ + ε) − f(θ − ε)) / 2ε. Its error is
 * truncation ~ε²·|f'''| plus round-off ~1e-16·|f|/ε: near 1e-10 for the lessons' networks, the
 * bottom of the error-versus-ε curve lesson 06 measures.
 *
 * Example: `numericGradient(J, W); // uses ε = FINITE_DIFFERENCE_EPSILON`
 */
export const FINITE_DIFFERENCE_EPSILON = 1e-6;

/**
 * Largest relative difference accepted between an analytic gradient and a two-sided finite
 * difference (`checkGradients`). Ten times the typical error at the default step leaves room
 * for steeper networks (saturated sigmoids, large weights) while a doubled 1/m still fails.
 *
 * Example: `checkGradients(J, params, grads).passed; // true when every row is below 1e-6`
 */
export const FINITE_DIFFERENCE_TOLERANCE = 1e-6;

/**
 * A compared tensor also passes when every entry differs by at most this much: gradients that
 * are zero in exact arithmetic (a dead ReLU unit, a symmetric bias) come out of finite
 * differences as round-off of ~1e-11, whose relative difference from an exact 0 is 1.
 *
 * Example: `compareGradients({ db1: Matrix.row([0]) }, { db1: Matrix.row([3e-12]) }).passed; // true`
 */
export const ABSOLUTE_TOLERANCE = 1e-9;

/**
 * The course's pass mark for its gradient check (course 2, week 1): below 2e-7 the gradients
 * are taken as right (the text says 1e-7, the code uses 2e-7). ε = 1e-7 sits on the round-off
 * side of the error curve, so correct gradients score about 1e-7 there.
 *
 * Example: `gradientCheckN(params, grads, X, Y).difference < COURSE_PASS_MARK; // true for correct code`
 */
export const COURSE_PASS_MARK = 2e-7;
