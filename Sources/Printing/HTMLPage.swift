/// A self-contained HTML page to print: inline CSS, print rules, no script, nothing loaded.
///
/// The page's Content-Security-Policy forbids every network and file load and every
/// script, so the printed page is exactly what the file holds. Margins fit both A4 and US
/// Letter paper; elements with the class `new-page` start a new sheet, and headings stay
/// with what follows them.
public struct HTMLPage: Sendable, Hashable {
  /// The document title (the browser's tab and the PDF's title).
  public var title: String
  /// The language of the text, as a BCP 47 tag.
  public var language: String
  /// The body's HTML.
  public var body: String
  /// CSS for this kind of document, added after the shared rules.
  public var css: String
  /// Text at the foot of every printed page, before the page number; empty for none.
  public var footer: String

  public init(title: String, language: String = "en", body: String, css: String = "", footer: String = "") {
    self.title = title
    self.language = language
    self.body = body
    self.css = css
    self.footer = footer
  }

  /// The whole document.
  public var html: String {
    var out = "<!DOCTYPE html>\n"
    out += "<html lang=\"\(HTML.escapeAttribute(language))\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.policy)\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<title>" + HTML.escape(title) + "</title>\n"
    out += "<style>\n" + Self.sharedCSS + footerCSS + css + "</style>\n</head>\n<body>\n"
    out += body
    if !body.hasSuffix("\n") { out += "\n" }
    out += "</body>\n</html>\n"
    return out
  }

  /// No source of any kind but the inline styles.
  static let policy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'"

  private var footerCSS: String {
    let text = footer.isEmpty ? "" : Self.cssString(footer + " \u{B7} ") + " "
    return """
      @page { @bottom-center { content: \(text)"page " counter(page) " of " counter(pages); \
      font: 8pt/1.2 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #555; } }

      """
  }

  /// `text` as a double-quoted CSS string.
  static func cssString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"", "\\": out += "\\" + String(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        out += "\\" + String(scalar.value, radix: 16) + " "
      case "<": out += "\\3c "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// Rules every printed document shares: readable type, A4- and Letter-safe margins,
  /// page breaks, and boxes and lines that print in black and white.
  static let sharedCSS = """
    @page { margin: 18mm 17mm 20mm 17mm; }
    :root { color: #111; background: #fff; }
    html { font: 11pt/1.45 "DejaVu Serif", "Liberation Serif", Georgia, serif; }
    body { margin: 0 auto; max-width: 44em; padding: 1em; }
    @media print { body { max-width: none; padding: 0; } }
    h1, h2, h3, h4, h5, h6 { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; \
    line-height: 1.2; break-after: avoid; page-break-after: avoid; }
    h1 { font-size: 20pt; margin: 0 0 0.6em; }
    h2 { font-size: 14pt; margin: 1.4em 0 0.5em; }
    h3 { font-size: 12pt; margin: 1.1em 0 0.4em; }
    h4, h5, h6 { font-size: 11pt; margin: 1em 0 0.3em; }
    p, li, blockquote, pre { orphans: 3; widows: 3; }
    p { margin: 0 0 0.6em; }
    ul, ol { margin: 0 0 0.6em; padding-left: 1.6em; }
    li { margin: 0.15em 0; }
    blockquote { margin: 0.6em 0; padding: 0.1em 0 0.1em 0.9em; border-left: 3px solid #888; }
    pre { font: 9.5pt/1.35 "DejaVu Sans Mono", "Liberation Mono", monospace; white-space: pre-wrap; \
    border: 1px solid #bbb; padding: 0.5em; break-inside: avoid; }
    code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.92em; }
    a { color: inherit; }
    @media print { a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; \
    word-break: break-all; } }
    hr { border: 0; border-top: 1px solid #999; margin: 1em 0; }
    .image { font-style: italic; color: #444; }
    .new-page { break-before: page; page-break-before: always; }
    .keep { break-inside: avoid; page-break-inside: avoid; }
    .box { display: inline-block; width: 0.95em; height: 0.95em; border: 1.2px solid #111; \
    vertical-align: -0.15em; text-align: center; line-height: 0.95em; font-family: "DejaVu Sans", sans-serif; \
    font-size: 1em; box-sizing: border-box; }
    .line { border-bottom: 1px solid #555; height: 2em; }
    .blank { display: inline-block; min-width: 2.2em; border-bottom: 1px solid #333; text-align: center; \
    font-family: "DejaVu Sans", sans-serif; }
    .signature { display: flex; gap: 1.5em; margin-top: 2.5em; }
    .signature div { flex: 1; border-top: 1px solid #111; padding-top: 0.2em; font-size: 9pt; }

    """
}
