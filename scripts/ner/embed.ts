import { seededRandom } from './perceptron.js';

/**
 * Word vectors and clusters from co-occurrence counts: a positive PMI matrix (word × positioned context
 * word) reduced by randomized SVD (Halko, Martinsson & Tropp 2011), then top-down k-means over the unit
 * vectors. Everything is seeded, so the same counts give the same clusters.
 */

/** A sparse matrix in compressed rows. */
export interface SparseRows {
  readonly rows: number;
  readonly columns: number;
  readonly rowStart: Int32Array;
  readonly column: Int32Array;
  readonly value: Float32Array;
}

/** Dense row-major matrix helpers. */
type Dense = Float64Array;

/** Y = A · X, with X (columns × k) dense. */
function multiply(a: SparseRows, x: Dense, k: number): Dense {
  const y = new Float64Array(a.rows * k);
  for (let r = 0; r < a.rows; r++) {
    for (let e = a.rowStart[r]!; e < a.rowStart[r + 1]!; e++) {
      const v = a.value[e]!;
      const xBase = a.column[e]! * k;
      const yBase = r * k;
      for (let j = 0; j < k; j++) y[yBase + j]! += v * x[xBase + j]!;
    }
  }
  return y;
}

/** Z = Aᵀ · Y, with Y (rows × k) dense. */
function multiplyTransposed(a: SparseRows, y: Dense, k: number): Dense {
  const z = new Float64Array(a.columns * k);
  for (let r = 0; r < a.rows; r++) {
    const yBase = r * k;
    for (let e = a.rowStart[r]!; e < a.rowStart[r + 1]!; e++) {
      const v = a.value[e]!;
      const zBase = a.column[e]! * k;
      for (let j = 0; j < k; j++) z[zBase + j]! += v * y[yBase + j]!;
    }
  }
  return z;
}

/** Orthonormalizes the k columns of an n × k matrix in place (modified Gram-Schmidt, twice for stability). */
function orthonormalize(m: Dense, n: number, k: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      for (let p = 0; p < j; p++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += m[i * k + j]! * m[i * k + p]!;
        for (let i = 0; i < n; i++) m[i * k + j]! -= dot * m[i * k + p]!;
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += m[i * k + j]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < n; i++) m[i * k + j]! /= norm;
    }
  }
}

/** Eigen-decomposition of a symmetric k × k matrix (cyclic Jacobi). Returns eigenvalues and eigenvectors (columns), sorted descending. */
function symmetricEigen(s: Dense, k: number): { values: Float64Array; vectors: Dense } {
  const a = Float64Array.from(s);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q]! ** 2;
    if (off < 1e-20) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p]!;
          const arq = a[r * k + q]!;
          a[r * k + p] = c * arp - sn * arq;
          a[r * k + q] = sn * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r]!;
          const aqr = a[q * k + r]!;
          a[p * k + r] = c * apr - sn * aqr;
          a[q * k + r] = sn * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!;
          const vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - sn * vrq;
          v[r * k + q] = sn * vrp + c * vrq;
        }
      }
    }
  }
  const order = [...Array(k).keys()].sort((x, y) => a[y * k + y]! - a[x * k + x]!);
  const values = Float64Array.from(order, (i) => a[i * k + i]!);
  const vectors = new Float64Array(k * k);
  order.forEach((from, to) => {
    for (let r = 0; r < k; r++) vectors[r * k + to] = v[r * k + from]!;
  });
  return { values, vectors };
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * The top `dimensions` left singular vectors of A scaled by the singular values to the power
 * `weightExponent` (0.5 is the usual choice for word vectors), as a rows × dimensions matrix.
 */
export function randomizedSvd(a: SparseRows, dimensions: number, options: { oversample: number; powerIterations: number; seed: number; weightExponent: number }): Dense {
  const k = dimensions + options.oversample;
  const random = seededRandom(options.seed);
  const omega = new Float64Array(a.columns * k);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(random);
  let y = multiply(a, omega, k);
  orthonormalize(y, a.rows, k);
  for (let q = 0; q < options.powerIterations; q++) {
    const z = multiplyTransposed(a, y, k);
    orthonormalize(z, a.columns, k);
    y = multiply(a, z, k);
    orthonormalize(y, a.rows, k);
  }
  // B = Qᵀ A (k × columns); its Gram matrix B Bᵀ (k × k) gives the left singular vectors of B.
  const bt = multiplyTransposed(a, y, k); // columns × k = Bᵀ
  const gram = new Float64Array(k * k);
  for (let c = 0; c < a.columns; c++) {
    for (let i = 0; i < k; i++) {
      const bi = bt[c * k + i]!;
      if (bi === 0) continue;
      for (let j = i; j < k; j++) gram[i * k + j]! += bi * bt[c * k + j]!;
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) gram[i * k + j] = gram[j * k + i]!;
  const { values, vectors } = symmetricEigen(gram, k);
  const out = new Float64Array(a.rows * dimensions);
  for (let r = 0; r < a.rows; r++) {
    for (let d = 0; d < dimensions; d++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += y[r * k + j]! * vectors[j * k + d]!;
      out[r * dimensions + d] = sum * Math.pow(Math.sqrt(Math.max(values[d]!, 0)), options.weightExponent);
    }
  }
  return out;
}

export function normalizeRows(m: Dense, rows: number, dims: number): void {
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += m[r * dims + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) m[r * dims + d]! /= norm;
  }
}

/** k-means (k-means++ start, Lloyd iterations) over the given rows; returns a cluster per row. */
function kmeans(m: Dense, dims: number, members: readonly number[], k: number, random: () => number, iterations: number): Int32Array {
  const n = members.length;
  const assignment = new Int32Array(n);
  if (n <= k) {
    for (let i = 0; i < n; i++) assignment[i] = i;
    return assignment;
  }
  const centers = new Float64Array(k * dims);
  const distance = (i: number, c: number): number => {
    let s = 0;
    const base = members[i]! * dims;
    for (let d = 0; d < dims; d++) s += (m[base + d]! - centers[c * dims + d]!) ** 2;
    return s;
  };
  const setCenter = (c: number, i: number): void => {
    for (let d = 0; d < dims; d++) centers[c * dims + d] = m[members[i]! * dims + d]!;
  };
  setCenter(0, Math.floor(random() * n));
  const nearest = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i]!, distance(i, c - 1));
      total += nearest[i]!;
    }
    let pick = random() * total;
    let chosen = n - 1;
    for (let i = 0; i < n; i++) {
      pick -= nearest[i]!;
      if (pick <= 0) {
        chosen = i;
        break;
      }
    }
    setCenter(c, chosen);
  }
  for (let iteration = 0; iteration < iterations; iteration++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < k; c++) {
        const dist = distance(i, c);
        if (dist < bestDistance) {
          bestDistance = dist;
          best = c;
        }
      }
      if (assignment[i] !== best || iteration === 0) changed++;
      assignment[i] = best;
    }
    centers.fill(0);
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      sizes[assignment[i]!]!++;
      for (let d = 0; d < dims; d++) centers[assignment[i]! * dims + d]! += m[members[i]! * dims + d]!;
    }
    for (let c = 0; c < k; c++) for (let d = 0; d < dims; d++) centers[c * dims + d]! /= sizes[c]! || 1;
    if (changed === 0) break;
  }
  return assignment;
}

/**
 * Top-down clustering: `branching[0]` clusters over all rows, then each split into `branching[1]`, ...
 * Returns, per row, its cluster id at every level (ids unique within a level).
 */
export function hierarchicalClusters(m: Dense, rows: number, dims: number, branching: readonly number[], seed: number, iterations = 15): Int32Array[] {
  const random = seededRandom(seed);
  const levels: Int32Array[] = [];
  let groups: number[][] = [[...Array(rows).keys()]];
  for (const k of branching) {
    const ids = new Int32Array(rows);
    const next: number[][] = [];
    for (const group of groups) {
      const assignment = kmeans(m, dims, group, k, random, iterations);
      const base = next.length;
      const parts: number[][] = Array.from({ length: k }, () => []);
      group.forEach((row, i) => parts[assignment[i]!]!.push(row));
      parts.forEach((part, c) => {
        for (const row of part) ids[row] = base + c;
      });
      next.push(...parts);
    }
    levels.push(ids);
    groups = next.filter((g) => g.length > 0);
  }
  return levels;
}
