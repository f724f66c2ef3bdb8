import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  type Plugin,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { type I18n, useI18n } from '../../i18n/i18n';
import { BAR, GRID, GROUP_COLOURS, INK, MUTED, PEAK } from './chart-colours';
import { isGrouped, type Series } from './volume-series';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Peak {
  index: number;
  total: number;
}

/**
 * Monthly volumes as bars, stacked by group when grouped. The peak month's bar is drawn in red (grouped: its
 * segments outlined) and labelled above; the table under the chart carries the same numbers for screen readers.
 */
export function VolumeChart({
  months,
  series,
  peak,
  label,
}: {
  months: string[];
  series: Series[];
  peak: Peak | null;
  label: string;
}) {
  const i18n = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current as HTMLCanvasElement, chartConfig(months, series, peak, i18n));
    return () => chart.destroy();
  }, [months, series, peak, i18n]);
  return (
    <div class="chart" data-testid="volume-chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

function chartConfig(months: string[], series: Series[], peak: Peak | null, i18n: I18n): ChartConfiguration<'bar'> {
  const grouped = isGrouped(series);
  const atPeak = <T,>(yes: T, no: T) => months.map((_, index) => (index === peak?.index ? yes : no));
  return {
    type: 'bar',
    data: {
      labels: months.map((month) => i18n.month(month, 'short')),
      datasets: series.map((one, index) => ({
        label: one.label,
        data: one.values,
        backgroundColor: grouped ? GROUP_COLOURS[index % GROUP_COLOURS.length] : atPeak(PEAK, BAR),
        borderColor: INK,
        borderWidth: grouped ? atPeak(2, 0) : 0,
      })),
    },
    options: {
      maintainAspectRatio: false,
      // Motion helps no one reading numbers, and some people it hurts.
      animation: matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 300 },
      layout: { padding: { top: 22 } },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { color: MUTED } },
        y: {
          stacked: true,
          beginAtZero: true,
          grid: { color: GRID },
          ticks: { color: MUTED, precision: 0, callback: (value) => i18n.number(Number(value)) },
        },
      },
      plugins: {
        legend: { display: grouped, position: 'bottom', labels: { color: INK } },
        tooltip: {
          callbacks: {
            title: (items) => i18n.month(months[items[0].dataIndex]),
            label: (item) => `${item.dataset.label}: ${i18n.number(item.parsed.y ?? 0)}`,
          },
        },
      },
    },
    plugins: peak ? [peakLabel(peak, i18n.t('dashboard.peakMark'))] : [],
  };
}

/** Writes the word "peak" above the peak month's bar. */
function peakLabel(peak: Peak, text: string): Plugin<'bar'> {
  return {
    id: 'peakLabel',
    afterDatasetsDraw(chart) {
      const { ctx, scales } = chart;
      const label = `▼ ${text}`;
      ctx.save();
      ctx.fillStyle = PEAK;
      ctx.font = 'bold 12px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      // Kept whole inside the canvas when the peak is the first or last bar of a narrow chart.
      const half = ctx.measureText(label).width / 2;
      const x = Math.min(Math.max(scales.x.getPixelForValue(peak.index), half), chart.width - half);
      ctx.fillText(label, x, scales.y.getPixelForValue(peak.total) - 4);
      ctx.restore();
    },
  };
}
