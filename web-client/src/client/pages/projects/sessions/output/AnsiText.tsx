/**
 * AnsiText shows one output line with its ANSI colours and text styles (SGR: the 16 colours by
 * class, so the stylesheet fits them to the dark output box; 256-colour and true-colour values as
 * computed colours), parsed by anser. A line without an escape character is returned as it is,
 * which is nearly every line and costs nothing. Each line is parsed on its own, because the view
 * renders only the rows on screen: a style that a program leaves open across a newline shows on
 * its first line only (tools that colour output reset it at each line's end).
 */
import Anser from "anser";
import type { CSSProperties, ReactNode } from "react";

type AnserJsonEntry = Anser.AnserJsonEntry;

const ESC = "\u001b";

export function AnsiText({ text }: { text: string }): ReactNode {
  if (!text.includes(ESC)) {
    return text;
  }
  return Anser.ansiToJson(text, { use_classes: true, remove_empty: true }).map((entry, index) => {
    const className = classesOf(entry);
    const style = styleOf(entry);
    return className === "" && style === undefined ? (
      entry.content
    ) : (
      <span key={index} className={className || undefined} style={style}>
        {entry.content}
      </span>
    );
  });
}

function classesOf(entry: AnserJsonEntry): string {
  const classes = entry.decorations.map((decoration) => `ansi-${decoration}`);
  if (isNamed(entry.fg)) {
    classes.push(`${entry.fg}-fg`);
  }
  if (isNamed(entry.bg)) {
    classes.push(`${entry.bg}-bg`);
  }
  return classes.join(" ");
}

function styleOf(entry: AnserJsonEntry): CSSProperties | undefined {
  const color = computed(entry.fg, entry.fg_truecolor);
  const backgroundColor = computed(entry.bg, entry.bg_truecolor);
  if (color === undefined && backgroundColor === undefined) {
    return undefined;
  }
  return { color, backgroundColor };
}

/** The 16 named colours (`ansi-red`, `ansi-bright-blue`…) have classes in index.css. */
function isNamed(color: string | null): color is string {
  return color !== null && color !== "ansi-truecolor" && !color.startsWith("ansi-palette-");
}

function computed(color: string | null, truecolor: string | null): string | undefined {
  if (color === "ansi-truecolor" && truecolor !== null) {
    return `rgb(${truecolor})`;
  }
  if (color?.startsWith("ansi-palette-")) {
    return paletteColor(Number(color.slice("ansi-palette-".length)));
  }
  return undefined;
}

const BASIC = [
  "#484f58",
  "#ff7b72",
  "#3fb950",
  "#d29922",
  "#58a6ff",
  "#bc8cff",
  "#39c5cf",
  "#b1bac4",
  "#6e7681",
  "#ffa198",
  "#56d364",
  "#e3b341",
  "#79c0ff",
  "#d2a8ff",
  "#56d4dd",
  "#ffffff",
];

/** xterm's 256-colour palette: 16 basic colours, a 6×6×6 cube, then 24 greys. */
export function paletteColor(index: number): string | undefined {
  if (!Number.isInteger(index) || index < 0 || index > 255) {
    return undefined;
  }
  if (index < 16) {
    return BASIC[index];
  }
  if (index >= 232) {
    const grey = 8 + (index - 232) * 10;
    return `rgb(${grey}, ${grey}, ${grey})`;
  }
  const cube = index - 16;
  const level = (value: number) => (value === 0 ? 0 : 55 + value * 40);
  return `rgb(${level(Math.floor(cube / 36))}, ${level(Math.floor(cube / 6) % 6)}, ${level(cube % 6)})`;
}
