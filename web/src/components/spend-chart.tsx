import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { usd } from '../format.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const PALETTE = ['#6366f1', '#14b8a6', '#f59e0b', '#ef4444', '#8b5cf6', '#0ea5e9', '#84cc16', '#ec4899', '#64748b'];

export interface SpendSeries {
  label: string;
  /** One value per day, aligned with `days`. */
  values: number[];
}

/** Daily spend as stacked bars, one colour per model or provider. */
export function SpendChart(props: { days: string[]; series: SpendSeries[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'>>();
  useEffect(() => {
    if (!canvas.current) return;
    chart.current?.destroy();
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: props.days.map((day) => day.slice(5)),
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
          y: { stacked: true, beginAtZero: true, grid: { color: '#eef2f7' }, ticks: { color: '#64748b', callback: (value) => usd(Number(value)) } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10, color: '#334155' } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${usd(Number(item.raw), 6)}` } },
        },
      },
    });
    return () => chart.current?.destroy();
  }, [props.days, props.series]);
  return (
    <div class="chart" data-testid="spend-chart">
      <canvas ref={canvas} role="img" aria-label="Daily spend" />
    </div>
  );
}
