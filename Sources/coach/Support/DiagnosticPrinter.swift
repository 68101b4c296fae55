import CourseModel
import Foundation

/// Formats diagnostics for `coach check`.
///
/// Plain (piped, `NO_COLOR`, `TERM=dumb`): one `path:line:column: severity: message` line
/// each, then a `note:` line per related place, as editors and CI parse them. On a
/// terminal, as GCC and rustc do: the location in bold, the severity in colour, then the
/// source line with a caret under the column (and `~` under the rest of the offending
/// text), and the notes the same way.
struct DiagnosticPrinter {
  /// Whether to print for a terminal: colour and source lines.
  var rich: Bool
  /// The text of a line of a file, as written (read on first use in ``forFiles(rich:)``).
  var sourceLine: (SourceLocation) -> String?

  /// A printer that reads the source lines it shows from the files themselves.
  static func forFiles(rich: Bool) -> DiagnosticPrinter {
    let files = SourceCache()
    return DiagnosticPrinter(rich: rich, sourceLine: { files.line($0) })
  }

  /// The diagnostic and its notes, each line ending with a newline.
  func render(_ diagnostic: Diagnostic) -> String {
    guard rich else { return diagnostic.lines.map { $0 + "\n" }.joined() }
    var out = header(
      diagnostic.location, label: diagnostic.severity.rawValue, paint: Self.paint(diagnostic.severity))
    out += Style.bold + diagnostic.message + Style.reset + "\n"
    out += excerpt(diagnostic.location, end: diagnostic.end, paint: Self.paint(diagnostic.severity))
    for related in diagnostic.related {
      out += header(related.location, label: "note", paint: Style.cyan) + related.message + "\n"
      out += excerpt(related.location, end: nil, paint: Style.cyan)
    }
    return out
  }

  /// The summary line, with its counts in colour on a terminal.
  func summary(_ text: String, errors: Int, warnings: Int) -> String {
    guard rich else { return text }
    var out = text
    if errors > 0 {
      out = out.replacingOccurrences(
        of: count(errors, "error"), with: Style.red + count(errors, "error") + Style.reset)
    }
    if warnings > 0 {
      out = out.replacingOccurrences(
        of: count(warnings, "warning"), with: Style.magenta + count(warnings, "warning") + Style.reset)
    }
    return Style.bold + out + Style.reset
  }

  private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  private func header(_ location: SourceLocation, label: String, paint: String) -> String {
    Style.bold + "\(location):" + Style.reset + " " + paint + label + ":" + Style.reset + " "
  }

  private static func paint(_ severity: Diagnostic.Severity) -> String {
    severity == .error ? Style.red : Style.magenta
  }

  /// The line and, under it, a caret at the column: `  12 | text` / `     |     ^~~`.
  private func excerpt(_ location: SourceLocation, end: SourceLocation?, paint: String) -> String {
    guard location.file.hasSuffix(".md"), let line = sourceLine(location) else { return "" }
    let length = end.flatMap {
      $0.line == location.line && $0.column > location.column ? $0.column - location.column : nil
    }
    let shown = Self.shownLine(line, column: location.column, length: length ?? 1)
    let number = String(location.line)
    let gutter = String(repeating: " ", count: number.count + 1)
    var underline = String(repeating: " ", count: shown.caret) + "^"
    if shown.underline > 1 { underline += String(repeating: "~", count: shown.underline - 1) }
    return " \(number) | \(shown.text)\n\(gutter) | " + paint + underline + Style.reset + "\n"
  }

  /// The widest part of a line shown around the caret, in terminal columns.
  static let maximumWidth = 100

  /// A source line made safe to print (tabs as spaces, control characters and bidi
  /// overrides made visible), cut to ``maximumWidth`` columns around the caret, with the
  /// caret's column and the underline's width in terminal columns.
  static func shownLine(_ line: String, column: Int, length: Int) -> (
    text: String, caret: Int, underline: Int
  ) {
    // Each scalar as shown, its width, and the byte it starts at.
    var pieces: [(text: String, width: Int, byte: Int)] = []
    var byte = 0
    var width = 0
    for scalar in line.unicodeScalars {
      let text: String
      let cells: Int
      if scalar == "\t" {
        cells = 4 - width % 4
        text = String(repeating: " ", count: cells)
      } else if UnsafeCharacter.isUnsafe(scalar) || scalar == "\n" || scalar == "\r" {
        text = String(scalar).sanitizedForTerminal
        cells = text.count
      } else {
        text = String(scalar)
        cells = displayWidth(scalar)
      }
      pieces.append((text, cells, byte))
      byte += String(scalar).utf8.count
      width += cells
    }
    let target = max(column - 1, 0)
    let caretIndex = pieces.firstIndex { $0.byte >= target } ?? pieces.count
    let endIndex = pieces.firstIndex { $0.byte >= target + length } ?? pieces.count
    // The window: from the start, or starting a little before the caret on a long line.
    var start = 0
    let before = pieces[..<caretIndex].reduce(0) { $0 + $1.width }
    if before > maximumWidth - 20 {
      var skipped = 0
      while start < caretIndex, before - skipped > 30 {
        skipped += pieces[start].width
        start += 1
      }
    }
    var text = start > 0 ? "..." : ""
    var caret = start > 0 ? 3 : 0
    var used = caret
    var underline = 0
    for index in start..<pieces.count {
      if used + pieces[index].width > maximumWidth {
        text += "..."
        break
      }
      if index < caretIndex { caret += pieces[index].width }
      if index >= caretIndex && index < endIndex { underline += pieces[index].width }
      text += pieces[index].text
      used += pieces[index].width
    }
    return (text, caret, max(underline, 1))
  }

  /// Terminal columns a scalar takes: 0 for combining marks and format characters, 2 for
  /// wide East Asian characters and most emoji, 1 otherwise.
  static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
      0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
    return wide.contains { $0.contains(value) } ? 2 : 1
  }

  /// ANSI styles.
  private enum Style {
    static let bold = "\u{1B}[1m"
    static let red = "\u{1B}[1;31m"
    static let magenta = "\u{1B}[1;35m"
    static let cyan = "\u{1B}[1;36m"
    static let reset = "\u{1B}[0m"
  }
}

/// The lines of files read for display, each file read once.
private final class SourceCache {
  private var files: [String: [Substring]] = [:]

  func line(_ location: SourceLocation) -> String? {
    if files[location.file] == nil {
      var text = (try? String(contentsOfFile: location.file, encoding: .utf8)) ?? ""
      if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
      // Lines end as CommonMark ends them: "\n", "\r\n" or a lone "\r".
      files[location.file] = text.split(omittingEmptySubsequences: false) {
        $0 == "\n" || $0 == "\r\n" || $0 == "\r"
      }
    }
    let lines = files[location.file]!
    guard location.line >= 1, location.line <= lines.count else { return nil }
    return String(lines[location.line - 1])
  }
}

/// Writes diagnostics to standard error as `coach check` does: with the source line and a
/// caret on a terminal, as plain lines with their notes otherwise.
func printDiagnostics(_ diagnostics: [Diagnostic]) {
  guard !diagnostics.isEmpty else { return }
  let printer = DiagnosticPrinter.forFiles(rich: OutputStyle.usesColor(fileDescriptor: STDERR_FILENO))
  FileHandle.standardError.write(Data(diagnostics.map(printer.render).joined().utf8))
}
