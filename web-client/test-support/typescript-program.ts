/**
 * Type-checks files with the TypeScript compiler API and the app's own compiler options
 * (tsconfig.app.json), for tests that prove something about types: exhaustiveness fixtures and
 * the golden vectors.
 */
import { fileURLToPath } from "node:url";
import path from "node:path";
import ts from "typescript";

/** The web-client module's root folder. */
export const WEB_CLIENT_DIR = fileURLToPath(new URL("..", import.meta.url));

/** One compiler diagnostic, flattened for assertions. */
export interface TypeDiagnostic {
  code: number;
  message: string;
  file: string | null;
  line: number | null;
}

/** The options `npm run typecheck` uses for src/, without build-mode bookkeeping. */
export function appCompilerOptions(): ts.CompilerOptions {
  const configPath = path.join(WEB_CLIENT_DIR, "tsconfig.app.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (parsed === undefined || parsed.errors.length > 0) {
    throw new Error(`Cannot read ${configPath}: ${formatAll(parsed?.errors ?? [])}`);
  }
  const { tsBuildInfoFile: _buildInfo, ...options } = parsed.options;
  return { ...options, noEmit: true, incremental: false, composite: false };
}

/**
 * Type-checks `rootFiles` (absolute paths) plus `virtualFiles` (absolute path → source, never
 * written to disk) and returns the diagnostics of each root file, keyed by its path.
 */
export function typeCheck(
  rootFiles: readonly string[],
  virtualFiles: Readonly<Record<string, string>> = {},
): Map<string, TypeDiagnostic[]> {
  const options = appCompilerOptions();
  const host = ts.createCompilerHost(options, true);
  const virtual = new Map(
    Object.entries(virtualFiles).map(([file, text]) => [path.resolve(file), text]),
  );
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (file) => virtual.has(path.resolve(file)) || fileExists(file);
  host.readFile = (file) => virtual.get(path.resolve(file)) ?? readFile(file);
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(file));
    return text === undefined
      ? getSourceFile(file, languageVersion, onError, shouldCreate)
      : ts.createSourceFile(file, text, languageVersion, true);
  };

  const roots = [...rootFiles, ...virtual.keys()].map((file) => path.resolve(file));
  const program = ts.createProgram({ rootNames: roots, options, host });
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length > 0) {
    throw new Error(`The compiler options are unusable: ${formatAll(global)}`);
  }
  const result = new Map<string, TypeDiagnostic[]>();
  for (const root of roots) {
    const sourceFile = program.getSourceFile(root);
    if (sourceFile === undefined) {
      throw new Error(`The compiler did not load ${root}`);
    }
    const diagnostics = [
      ...program.getSyntacticDiagnostics(sourceFile),
      ...program.getSemanticDiagnostics(sourceFile),
    ];
    result.set(root, diagnostics.map(toTypeDiagnostic));
  }
  return result;
}

/** Diagnostics as `file:line TSxxxx message` lines, for failure messages. */
export function formatDiagnostics(diagnostics: readonly TypeDiagnostic[]): string {
  return diagnostics
    .map((d) => `${d.file ?? "?"}:${d.line ?? "?"} TS${d.code} ${d.message}`)
    .join("\n");
}

function toTypeDiagnostic(diagnostic: ts.Diagnostic): TypeDiagnostic {
  const file = diagnostic.file ?? null;
  const line =
    file !== null && diagnostic.start !== undefined
      ? file.getLineAndCharacterOfPosition(diagnostic.start).line + 1
      : null;
  return {
    code: diagnostic.code,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
    file: file === null ? null : path.relative(WEB_CLIENT_DIR, file.fileName),
    line,
  };
}

function formatAll(diagnostics: readonly ts.Diagnostic[]): string {
  return formatDiagnostics(diagnostics.map(toTypeDiagnostic));
}
