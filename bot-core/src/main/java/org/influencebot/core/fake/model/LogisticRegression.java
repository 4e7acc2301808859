package org.influencebot.core.fake.model;

/**
 * L2-regularized logistic regression fitted by Newton's method (iteratively reweighted least squares),
 * deterministic and dependency-free. The intercept is not penalized.
 */
public final class LogisticRegression {
  private LogisticRegression() {}

  /**
   * Fits {@code P(y=1) = sigmoid(b + w.x)} minimizing {@code -loglik + lambda/2 |w|^2}.
   *
   * @param x rows of features (no intercept column)
   * @param y labels 0 or 1
   * @return {@code [b, w_1, ..., w_d]}
   */
  public static double[] fit(double[][] x, int[] y, double lambda) {
    int n = x.length;
    int d = n == 0 ? 0 : x[0].length;
    int p = d + 1;
    double[] beta = new double[p];
    double[] grad = new double[p];
    double[][] hess = new double[p][p];
    double previous = Double.POSITIVE_INFINITY;
    for (int iter = 0; iter < 100; iter++) {
      java.util.Arrays.fill(grad, 0);
      for (double[] row : hess) {
        java.util.Arrays.fill(row, 0);
      }
      double loss = 0;
      for (int i = 0; i < n; i++) {
        double[] xi = x[i];
        double z = beta[0];
        for (int j = 0; j < d; j++) {
          z += beta[j + 1] * xi[j];
        }
        double mu = SubModel.sigmoid(z);
        // log(1 + exp(z)) - y z, computed without overflow
        loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
        double r = mu - y[i];
        double wgt = Math.max(mu * (1 - mu), 1e-12);
        grad[0] += r;
        hess[0][0] += wgt;
        for (int j = 0; j < d; j++) {
          double g = wgt * xi[j];
          grad[j + 1] += r * xi[j];
          hess[0][j + 1] += g;
          for (int k = j; k < d; k++) {
            hess[j + 1][k + 1] += g * xi[k];
          }
        }
      }
      for (int j = 1; j < p; j++) {
        loss += 0.5 * lambda * beta[j] * beta[j];
        grad[j] += lambda * beta[j];
        hess[j][j] += lambda;
      }
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < j; k++) {
          hess[j][k] = hess[k][j];
        }
      }
      hess[0][0] += 1e-9;
      double[] step = solve(hess, grad);
      for (int j = 0; j < p; j++) {
        beta[j] -= step[j];
      }
      if (Math.abs(previous - loss) < 1e-10 * Math.max(1, Math.abs(loss))) {
        break;
      }
      previous = loss;
    }
    return beta;
  }

  /** Solves {@code a x = b} for a symmetric positive definite {@code a} by Cholesky decomposition. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          l[i][i] = Math.sqrt(Math.max(s, 1e-12));
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * z[k];
      }
      z[i] = s / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  /**
   * Platt scaling: fits {@code a, b} of {@code P = sigmoid(a s + b)} to held-out scores {@code s}, with
   * Platt's (1999) smoothed targets {@code (N+ + 1)/(N+ + 2)} and {@code 1/(N- + 2)} against overconfidence.
   *
   * @return {@code [a, b]}
   */
  public static double[] platt(double[] scores, int[] y) {
    int pos = 0;
    for (int v : y) {
      pos += v;
    }
    int neg = y.length - pos;
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double a = 1;
    double b = 0;
    for (int iter = 0; iter < 100; iter++) {
      double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
      for (int i = 0; i < scores.length; i++) {
        double t = y[i] == 1 ? hi : lo;
        double p = SubModel.sigmoid(a * scores[i] + b);
        double r = p - t;
        double w = Math.max(p * (1 - p), 1e-12);
        g0 += r * scores[i];
        g1 += r;
        h00 += w * scores[i] * scores[i];
        h01 += w * scores[i];
        h11 += w;
      }
      h00 += 1e-9;
      h11 += 1e-9;
      double det = h00 * h11 - h01 * h01;
      double da = (h11 * g0 - h01 * g1) / det;
      double db = (h00 * g1 - h01 * g0) / det;
      a -= da;
      b -= db;
      if (Math.abs(da) < 1e-12 && Math.abs(db) < 1e-12) {
        break;
      }
    }
    return new double[] {a, b};
  }
}
