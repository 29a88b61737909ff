import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AnsiText, paletteColor } from "./AnsiText";

const html = (text: string) => renderToStaticMarkup(<AnsiText text={text} />);

describe("AnsiText", () => {
  it("leaves a line without escape codes as plain text", () => {
    expect(html("line number 42  漢字 ✓")).toBe("line number 42  漢字 ✓");
  });

  it("turns the 16 colours and text styles into classes the stylesheet fits to the box", () => {
    expect(html("ok \u001b[1;31mFAIL\u001b[0m done")).toBe(
      'ok <span class="ansi-bold ansi-red-fg">FAIL</span> done',
    );
    expect(html("\u001b[44;97mnote\u001b[0m")).toBe(
      '<span class="ansi-bright-white-fg ansi-blue-bg">note</span>',
    );
  });

  it("computes 256-colour and true-colour values", () => {
    expect(html("\u001b[38;5;196mhot\u001b[0m")).toBe(
      '<span style="color:rgb(255, 0, 0)">hot</span>',
    );
    expect(html("\u001b[38;2;10;20;30mdeep\u001b[0m")).toBe(
      '<span style="color:rgb(10, 20, 30)">deep</span>',
    );
  });

  it("maps the palette as xterm does", () => {
    expect(paletteColor(16)).toBe("rgb(0, 0, 0)");
    expect(paletteColor(231)).toBe("rgb(255, 255, 255)");
    expect(paletteColor(244)).toBe("rgb(128, 128, 128)");
    expect(paletteColor(256)).toBeUndefined();
  });
});
