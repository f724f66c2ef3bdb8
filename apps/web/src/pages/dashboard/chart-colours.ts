// The chart's colours, apart from chart.js so that a browser test can look for them on the canvas.

/** A month's bar. */
export const BAR = '#1d4f91';
/** The peak month's bar, and the word "peak" above it. */
export const PEAK = '#a6192e';
export const INK = '#1b1b1f';
export const MUTED = '#4a4f57';
export const GRID = '#d5d7db';
/** Okabe–Ito's colours, told apart with the common colour-vision deficiencies; grey last, for "other". */
export const GROUP_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#332288',
  '#882255',
  '#8d9399',
] as const;
