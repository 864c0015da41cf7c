/**
 * Logistic regression fitted by Newton-Raphson (equivalently IRLS), for the small, dense problems of scorecard
 * development (hundreds to thousands of rows, a dozen WoE-coded features). No external libraries.
 *
 * Models ln(p / (1 - p)) = b0 + sum b_j x_j where p = P(y = 1). A tiny ridge penalty (not applied to the
 * intercept) keeps the Hessian invertible when two features are nearly collinear; it changes coefficients only
 * in the fourth decimal on well-posed data.
 */
import { DomainError } from "@/server/domain/errors";

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  /** Standard errors from the inverse Hessian at the optimum (intercept first). */
  standardErrors: number[];
  iterations: number;
  logLikelihood: number;
}

export interface LogisticOptions {
  ridge?: number;
  maxIterations?: number;
  tolerance?: number;
}

/** Solves A x = b for a symmetric positive definite A by Cholesky decomposition; returns also A^-1's diagonal. */
function choleskySolve(a: number[][], b: number[]): { x: number[]; inverseDiagonal: number[] } {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (sum <= 0) throw new DomainError("VALIDATION", "Logistic regression: the Hessian is not positive definite (collinear or constant features)");
        l[i][i] = Math.sqrt(sum);
      } else l[i][j] = sum / l[j][j];
    }
  }
  const solve = (rhs: number[]): number[] => {
    const y = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      let sum = rhs[i];
      for (let k = 0; k < i; k++) sum -= l[i][k] * y[k];
      y[i] = sum / l[i][i];
    }
    const x = new Array<number>(n);
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i];
      for (let k = i + 1; k < n; k++) sum -= l[k][i] * x[k];
      x[i] = sum / l[i][i];
    }
    return x;
  };
  const inverseDiagonal = Array.from({ length: n }, (_, i) => solve(Array.from({ length: n }, (_, k) => (k === i ? 1 : 0)))[i]);
  return { x: solve(b), inverseDiagonal };
}

export function fitLogistic(rows: number[][], y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const ridge = options.ridge ?? 1e-4;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-10;
  const p = rows[0]?.length ?? 0;
  const n = rows.length;
  const beta = new Array<number>(p + 1).fill(0);
  let iterations = 0;
  let logLikelihood = -Infinity;
  let inverseDiagonal = new Array<number>(p + 1).fill(NaN);
  for (; iterations < maxIterations; iterations++) {
    const gradient = new Array<number>(p + 1).fill(0);
    const hessian = Array.from({ length: p + 1 }, () => new Array<number>(p + 1).fill(0));
    logLikelihood = 0;
    for (let i = 0; i < n; i++) {
      const x = rows[i];
      let eta = beta[0];
      for (let j = 0; j < p; j++) eta += beta[j + 1] * x[j];
      const prob = 1 / (1 + Math.exp(-eta));
      const weight = Math.max(prob * (1 - prob), 1e-12);
      const residual = y[i] - prob;
      logLikelihood += y[i] ? Math.log(Math.max(prob, 1e-300)) : Math.log(Math.max(1 - prob, 1e-300));
      for (let j = 0; j <= p; j++) {
        const xj = j === 0 ? 1 : x[j - 1];
        gradient[j] += residual * xj;
        for (let k = 0; k <= j; k++) hessian[j][k] += weight * xj * (k === 0 ? 1 : x[k - 1]);
      }
    }
    for (let j = 1; j <= p; j++) {
      gradient[j] -= ridge * beta[j];
      hessian[j][j] += ridge;
    }
    for (let j = 0; j <= p; j++) for (let k = 0; k < j; k++) hessian[k][j] = hessian[j][k];
    const step = choleskySolve(hessian, gradient);
    inverseDiagonal = step.inverseDiagonal;
    let change = 0;
    for (let j = 0; j <= p; j++) {
      beta[j] += step.x[j];
      change = Math.max(change, Math.abs(step.x[j]));
    }
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  return {
    intercept: beta[0],
    coefficients: beta.slice(1),
    standardErrors: inverseDiagonal.map(Math.sqrt),
    iterations,
    logLikelihood,
  };
}
