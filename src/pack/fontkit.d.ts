// fontkit 2 ships no types; Moot uses only create() (see stamp.ts).
declare module 'fontkit' {
  export function create(bytes: Uint8Array): unknown;
}
