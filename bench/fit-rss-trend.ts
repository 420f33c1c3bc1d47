/** One resident-memory sample: seconds since the measurement began, MB. */
export interface RssSample {
  atS: number;
  rssMb: number;
}

export interface RssTrend {
  samples: number;
  firstMb: number;
  lastMb: number;
  minMb: number;
  maxMb: number;
  /** Least-squares slope, MB per minute. */
  slopeMbPerMin: number;
  /** What the fitted line grows by over the sampled span, MB. */
  fittedGrowthMb: number;
}

/**
 * The trend of resident memory over a steady load: a least-squares line through the samples (GC
 * makes single samples jump by tens of MB; a leak shows as a slope that the line keeps).
 */
export function fitRssTrend(samples: readonly RssSample[]): RssTrend {
  if (samples.length < 2) throw new Error('fitRssTrend needs at least two samples');
  const n = samples.length;
  let sumX = 0;
  let sumY = 0;
  for (const { atS, rssMb } of samples) {
    sumX += atS;
    sumY += rssMb;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let covariance = 0;
  let variance = 0;
  for (const { atS, rssMb } of samples) {
    covariance += (atS - meanX) * (rssMb - meanY);
    variance += (atS - meanX) ** 2;
  }
  const slopePerS = variance === 0 ? 0 : covariance / variance;
  const span = samples[n - 1]!.atS - samples[0]!.atS;
  const values = samples.map((sample) => sample.rssMb);
  return {
    samples: n,
    firstMb: samples[0]!.rssMb,
    lastMb: samples[n - 1]!.rssMb,
    minMb: Math.min(...values),
    maxMb: Math.max(...values),
    slopeMbPerMin: slopePerS * 60,
    fittedGrowthMb: slopePerS * span,
  };
}
