// The few host functions every JavaScript runtime has (browsers, Node, Deno, Bun) that the
// ECMAScript library does not declare. Declared here, as narrowly as the client uses them, so the
// package compiles without the DOM library or @types/node and its .d.ts never names either.
/** A number in browsers, an object in Node. */
type TimerHandle = number | object;
declare function setTimeout(callback: () => void, ms?: number): TimerHandle;
declare function clearTimeout(handle: TimerHandle): void;
declare function setInterval(callback: () => void, ms?: number): TimerHandle;
declare function clearInterval(handle: TimerHandle): void;
declare const console: {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
};
