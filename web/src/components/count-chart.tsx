import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const PALETTE = ['#ef4444', '#f59e0b', '#8b5cf6', '#0ea5e9', '#64748b'];

/** Counts over time as stacked bars (e.g. 429s per hour by limit). */
export function CountChart(props: { labels: string[]; series: Array<{ label: string; values: number[] }>; title: string; testid?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'>>();
  useEffect(() => {
    if (!canvas.current) return;
    chart.current?.destroy();
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: props.labels,
        datasets: props.series.map((series, index) => ({
          label: series.label,
          data: series.values,
          backgroundColor: PALETTE[index % PALETTE.length],
          borderRadius: 3,
          maxBarThickness: 28,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { color: '#64748b', maxRotation: 0, autoSkipPadding: 8 } },
          y: { stacked: true, beginAtZero: true, grid: { color: '#eef2f7' }, ticks: { color: '#64748b', precision: 0 } },
        },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10, color: '#334155' } } },
      },
    });
    return () => chart.current?.destroy();
  }, [props.labels, props.series]);
  return (
    <div class="chart small" data-testid={props.testid}>
      <canvas ref={canvas} role="img" aria-label={props.title} />
    </div>
  );
}
