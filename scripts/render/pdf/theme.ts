/** Page geometry (points) and the palette: one place to tune how the PDF looks. */
export const PAGE = {
  margin: { top: 72, bottom: 66, left: 56, right: 56 },
  headerBaseline: 38,
  footerOffset: 34,
} as const;

export const COLOR = {
  text: '#1f2328',
  muted: '#5b6571',
  faint: '#8c959f',
  accent: '#1f3a5f',
  accentSoft: '#e8eef6',
  zebra: '#f6f8fa',
  rule: '#c9d1d9',
  link: '#0b57d0',
  code: '#3b2f63',
  missing: '#b42318',
  draft: '#9a6700',
  deprecated: '#b42318',
  white: '#ffffff',
} as const;

export const SIZE = {
  body: 9.5,
  bodyLeading: 13.4,
  prose: 10,
  proseLeading: 14.5,
  chrome: 7.5,
  tableHead: 8,
  h1: 20,
  h2: 13,
  h3: 11,
  coverTitle: 30,
} as const;

export const TABLE = {
  categoryShare: 0.27,
  padX: 7,
  padY: 6,
  bulletIndent: 11,
  itemGap: 3.5,
  headHeight: 19,
} as const;
