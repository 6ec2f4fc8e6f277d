// The derive stage: ladders with `extends` resolved against their parents (after parse, before rules, diff and render).
export { parentMissing, resolveDerived, resolveLadders } from './resolve.js';
export { cellHash, readMarker, type CellOp, type Marker } from './markers.js';
