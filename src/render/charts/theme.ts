/** The two colour schemes a chart can use. */
export type ThemeName = "light" | "dark";

/** Every colour a chart needs, as CSS colour strings. */
export interface Theme {
  /** Painted over the whole image before anything else. */
  background: string;
  /** Title, axis titles, tick labels, legend. */
  text: string;
  /** Light grid lines at the ticks. */
  grid: string;
  /** The darker lines on x = 0 and y = 0. */
  zeroLine: string;
  /** The axis lines (left and bottom frame). */
  axis: string;
  /** Series colours, used in order; colour-blind safe (Okabe-Ito). */
  palette: readonly string[];
  /** Translucent fill of saturation bands. */
  band: string;
}

/**
 * The built-in themes. Palettes are the Okabe-Ito colours ordered for contrast with the
 * background: the light theme leaves out yellow (invisible on white), the dark theme black.
 */
export const themes: Record<ThemeName, Theme> = {
  light: {
    background: "#ffffff",
    text: "#1f2328",
    grid: "#e3e5e8",
    zeroLine: "#6b7078",
    axis: "#3d4148",
    palette: ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9"],
    band: "rgba(120, 124, 130, 0.16)",
  },
  dark: {
    background: "#1b1e23",
    text: "#e6e8eb",
    grid: "#30343b",
    zeroLine: "#8b919a",
    axis: "#b4b9c0",
    palette: ["#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00", "#FFFFFF"],
    band: "rgba(255, 255, 255, 0.10)",
  },
};

/**
 * Colours of classes (labels), on either theme: matplotlib's tab10, distinct at a glance for ten
 * classes; more classes reuse them in order.
 */
export const CLASS_PALETTE: readonly string[] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
