import {
  CategoryScale,
  Chart,
  Colors,
  Decimation,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  ScatterController,
  SubTitle,
  Title,
  Tooltip,
} from "chart.js";

// The Chart.js that draws every chart: only what our charts use, registered once, bundled with
// our code by rolldown (tree-shaken: no bar/pie/radar/bubble controllers, arcs, bars, radial or
// time scales). chartjs-node-canvas would load the whole of chart.js/auto (CommonJS, compiled
// afresh for each size and format); the adapter hands it this one instead.
// In the order chart.js/auto registers them (controllers, elements, plugins, scales): plugins
// run in registration order, so the pixels are those of chart.js/auto.
Chart.register(
  LineController,
  ScatterController,
  LineElement,
  PointElement,
  Colors,
  Decimation,
  Filler,
  Legend,
  SubTitle,
  Title,
  Tooltip,
  CategoryScale,
  LinearScale,
  LogarithmicScale,
);

/** Chart.js with the controllers, elements, plugins and scales our charts use. */
export const ChartJs = Chart;
