// Natural Earth land outlines from world-atlas 2.0.2 (public domain), bundled by build.mjs as the JSON
// file's text: a JavaScript object literal of 670 KB costs every process that loads the bundle ~60 ms of
// compile time at start (the server, its analysis worker, each CLI run); a string is only scanned, and
// svg.ts parses it on the first map drawn.
declare module 'dci-lint:land-110m' {
  const json: string;
  export default json;
}
declare module 'dci-lint:land-50m' {
  const json: string;
  export default json;
}
