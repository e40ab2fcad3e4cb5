/**
 * Live loss curves (uPlot, canvas): one series per loss name (prefixed by the model when a job
 * trains several), x = training step. Points are appended as progress arrives (about 1 Hz) and
 * drawn at most once per animation frame, so a replay of thousands of events costs one draw.
 */
import uPlot from 'uplot';

const PALETTE_VARS = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-red', '--vscode-charts-purple', '--vscode-charts-yellow'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#f14c4c', '#b180d7', '#cca700'];

function themeColor(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export class LossChart {
  private plot: uPlot | undefined;
  private xs: number[] = [];
  private readonly series = new Map<string, (number | null)[]>();
  private frame = 0;
  private drawnSeries = -1;

  constructor(private readonly container: HTMLElement, private readonly xLabel: string) {
    new ResizeObserver(() => this.schedule(true)).observe(container);
    // Theme switches change the CSS variables; rebuild the chart with the new colours.
    new MutationObserver(() => this.rebuild()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  get pointCount(): number {
    return this.xs.length;
  }

  reset(): void {
    this.xs = [];
    this.series.clear();
    this.rebuild();
  }

  append(x: number, losses: Readonly<Record<string, number>>, model?: string, prefixModel = false): void {
    const n = this.xs.length;
    this.xs.push(x);
    for (const [name, value] of Object.entries(losses)) {
      const key = prefixModel && model ? `${model}: ${name}` : name;
      let ys = this.series.get(key);
      if (!ys) {
        ys = new Array<number | null>(n).fill(null);
        this.series.set(key, ys);
      }
      ys.push(value);
    }
    for (const ys of this.series.values()) if (ys.length < n + 1) ys.push(null);
    this.schedule(false);
  }

  private rebuild(): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.drawnSeries = -1;
    this.schedule(false);
  }

  private schedule(resize: boolean): void {
    if (resize && this.plot) this.plot.setSize(this.size());
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(200, this.container.clientWidth), height: 260 };
  }

  private draw(): void {
    if (this.container.clientWidth === 0) return; // hidden tab: drawn when shown
    const data: uPlot.AlignedData = [this.xs, ...this.series.values()];
    if (this.plot && this.drawnSeries === this.series.size) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.container.replaceChildren();
    if (this.series.size === 0) return;
    const fg = themeColor('--vscode-foreground', '#cccccc');
    const grid = themeColor('--vscode-editorWidget-border', '#80808040');
    const axis = (label: string): uPlot.Axis => ({ stroke: fg, label, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } });
    this.plot = new uPlot(
      {
        ...this.size(),
        scales: { x: { time: false } },
        series: [
          { label: this.xLabel },
          ...[...this.series.keys()].map((name, i) => ({
            label: name,
            stroke: themeColor(PALETTE_VARS[i % PALETTE_VARS.length]!, FALLBACK[i % FALLBACK.length]!),
            width: 1.5,
            spanGaps: true,
            points: { show: false },
          })),
        ],
        axes: [axis(this.xLabel), axis('')],
        cursor: { drag: { x: true, y: false } },
      },
      data,
      this.container,
    );
    this.drawnSeries = this.series.size;
  }
}
