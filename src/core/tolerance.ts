/**
 * Every tolerance and finite-difference step the module uses, in one place, each with the
 * reason for its size. Tests and lessons import these names instead of writing numbers.
 *
 * The comparisons use the course's relative difference ‖a − b‖ / (‖a‖ + ‖b‖): a wrong factor such
 * as a doubled or missing 1/m gives (m − 1)/(m + 1), orders of magnitude above every value here.
 *
 * Derived in: lesson 08-limits-of-gradient-checking (the error of a finite difference against its step).
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
 * bottom of the error-versus-ε curve lesson 08 measures.
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

// ---- the derivation engine's own (src/derive/): it checks with a four-point stencil and a
// maximum error, not a two-sided difference and a relative difference, so its numbers differ.

/**
 * The step h of the four-point central difference (−f(x + 2h) + 8f(x + h) − 8f(x − h) + f(x − 2h)) / 12h
 * with which derive() checks each step: truncation ~h⁴ ≈ 1e-16 and round-off ~1e-16·|f|/h ≈ 1e-12,
 * so its errors (~1e-11 measured) sit four orders below DERIVATION_TOLERANCE. A larger h would
 * cross more ReLU kinks (derive skips those entries), a smaller one lose digits to round-off.
 *
 * Example: `derive(spec).steps[3].check.method; // 'four-point central differences (h = 0.0001) of …'`
 */
export const FOUR_POINT_STEP = 1e-4;

/**
 * Largest error accepted in a matrix step of derive(): max |claimed − finite difference| over the
 * checked entries (and the largest movement of another example's loss, for per-example steps),
 * relative to max(1, largest |finite difference|). A maximum, not the relative difference of
 * TOLERANCE, so that one wrong entry among many fails too; the four-point stencil's ~1e-11 leaves
 * four orders of margin and a misplaced 1/m is wrong by order one.
 *
 * Example: `derive(spec).steps.every((s) => s.check.maxError <= DERIVATION_TOLERANCE); // true`
 */
export const DERIVATION_TOLERANCE = 1e-7;

/**
 * Largest error accepted between a closed form and mathjs's symbolic derivative at random points,
 * |truth − claim| / max(1, |truth|): two exact formulas evaluated in float64 differ by round-off
 * (~1e-15); 1e-9 also admits the four-point differences used where mathjs cannot differentiate
 * (ReLU, ~1e-11), and fails tanh' written from z (order one).
 *
 * Example: `derive(spec).steps[0].check.tolerance; // 1e-9 (a per-example step)`
 */
export const SYMBOLIC_TOLERANCE = 1e-9;

/**
 * Largest relative difference accepted between the two notations' values of one quantity on one
 * instance, after the factor m (compareConventions): the same operations in another order, so
 * only round-off (~1e-16) separates them.
 *
 * Example: `compareConventions(spec).rows.every((r) => r.passed); // true`
 */
export const NOTATION_TOLERANCE = 1e-12;
