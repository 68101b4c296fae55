import Foundation
import Printing

/// The HTML format: one self-contained page (Printing's shell: no script, nothing
/// loaded) written in two parts around a body that streams. The summary and charts are
/// written after the rows (once the totals are known) and shown first: the page's main
/// element is a flex column and the summary has `order: -1`.
struct HTMLReport {
  let title: String
  let subtitle: String

  /// The page up to the streamed rows.
  var head: String {
    let marker = "\u{1}BODY\u{1}"
    let page = HTMLPage(title: title, body: marker, css: Self.css, footer: title).html
    let before = page.components(separatedBy: marker)[0]
    return before + "<main class=\"report\">\n<header><h1>" + HTML.escape(title) + "</h1>\n<p class=\"sub\">"
      + HTML.escape(subtitle) + "</p></header>\n"
  }

  /// The rest of the page after the rows, with the summary that is shown first.
  func tail(summary: String) -> String {
    let marker = "\u{1}BODY\u{1}"
    let page = HTMLPage(title: title, body: marker, css: Self.css, footer: title).html
    let after = page.components(separatedBy: marker)[1]
    return "<section class=\"summary\">\n" + summary + "</section>\n</main>" + after
  }

  static let css = """
    body { max-width: 72em; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; }
    main.report { display: flex; flex-direction: column; }
    main.report > header { order: -2; }
    main.report > .summary { order: -1; }
    p.sub { color: #444; margin-top: -0.4em; }
    table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1.2em; }
    table.dist { width: auto; min-width: 24em; }
    th, td { border-bottom: 1px solid #ccc; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
    th { background: #eef1f5; font-weight: 600; position: sticky; top: 0; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
    td.d, span.d { white-space: nowrap; }
    tr.totals td { font-weight: 600; border-top: 2px solid #555; }
    .muted { color: #777; }
    .ok { color: #1a6b2f; }
    .no { color: #9b2222; }
    .cards { display: flex; flex-wrap: wrap; gap: 0.6em; margin: 0.6em 0 1em; }
    .card { border: 1px solid #ccd; border-radius: 4px; padding: 0.4em 0.8em; min-width: 7em; }
    .card b { display: block; font-size: 16pt; }
    figure { margin: 0.6em 0 1.2em; break-inside: avoid; }
    figcaption { font-weight: 600; margin-bottom: 0.3em; }
    svg text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11px; fill: #222; }
    .hidden-note { color: #666; font-style: italic; }
    blockquote.shared { font-family: "DejaVu Serif", Georgia, serif; }
    @media print { th { position: static; } }

    """
}

/// Horizontal bar charts and diverging bars, as inline SVG with text labels.
enum Charts {
  struct Bar {
    var label: String
    var value: Double
    /// What is written at the end of the bar.
    var shown: String
  }

  /// Bars from 0 to `maximum`, one a row, labels on the left.
  static func bars(_ bars: [Bar], maximum: Double, color: String = "#3d6fb6", labelWidth: Int = 230) -> String
  {
    let rowHeight = 22
    let width = 720
    let plot = width - labelWidth - 130
    let height = max(bars.count, 1) * rowHeight + 8
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\" "
      + "viewBox=\"0 0 \(width) \(height)\">\n"
    for (n, bar) in bars.enumerated() {
      let y = 4 + n * rowHeight
      let length = maximum > 0 ? Int((Double(plot) * min(max(bar.value / maximum, 0), 1)).rounded()) : 0
      svg +=
        "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(HTML.escape(clip(bar.label, 38)))</text>"
      svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(plot)\" height=\"15\" fill=\"#eef1f5\"/>"
      svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"15\" fill=\"\(color)\"/>"
      svg += "<text x=\"\(labelWidth + plot + 6)\" y=\"\(y + 15)\">\(HTML.escape(bar.shown))</text>\n"
    }
    return svg + "</svg>\n"
  }

  /// One row of a diverging bar: counts per point of a scale, the lower half to the left
  /// of the centre line, the upper half to the right, the middle point (on an odd scale)
  /// split across it.
  struct Diverging {
    var label: String
    var counts: [Int]
  }

  static let divergingColors = ["#b2182b", "#ef8a62", "#bdbdbd", "#67a9cf", "#2166ac"]

  static func colors(for points: Int) -> [String] {
    switch points {
    case 3: ["#ef8a62", "#bdbdbd", "#67a9cf"]
    case 4: ["#b2182b", "#ef8a62", "#67a9cf", "#2166ac"]
    case 5: divergingColors
    case 6: ["#b2182b", "#d6604d", "#f4a582", "#92c5de", "#4393c3", "#2166ac"]
    default: ["#b2182b", "#d6604d", "#f4a582", "#bdbdbd", "#92c5de", "#4393c3", "#2166ac"]
    }
  }

  static func diverging(_ rows: [Diverging], labels: [String]) -> String {
    let width = 720
    let labelWidth = 70
    let half = (width - labelWidth - 20) / 2
    let centre = labelWidth + half
    let rowHeight = 24
    let legend = 22
    let height = rows.count * rowHeight + legend + 8
    let palette = colors(for: labels.count)
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\" "
      + "viewBox=\"0 0 \(width) \(height)\">\n"
    // The centre line first: the bars of the middle point cover it.
    svg +=
      "<line x1=\"\(centre)\" y1=\"2\" x2=\"\(centre)\" y2=\"\(rows.count * rowHeight + 6)\" stroke=\"#333\"/>\n"
    for (n, row) in rows.enumerated() {
      let y = 4 + n * rowHeight
      let total = Double(max(row.counts.reduce(0, +), 1))
      let k = row.counts.count
      let middle = k % 2 == 1 ? k / 2 : nil
      var lowerShare = 0.0
      for i in 0..<(k / 2) { lowerShare += Double(row.counts[i]) / total }
      if let middle { lowerShare += Double(row.counts[middle]) / total / 2 }
      var x = Double(centre) - lowerShare * Double(half)
      svg +=
        "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(HTML.escape(row.label))</text>"
      for i in 0..<k {
        let w = Double(row.counts[i]) / total * Double(half)
        if w > 0 {
          let fill = palette[min(i, palette.count - 1)]
          let name = HTML.escape(labels[min(i, labels.count - 1)])
          svg +=
            "<rect x=\"\(one(x))\" y=\"\(y + 3)\" width=\"\(one(w))\" height=\"16\" fill=\"\(fill)\">"
            + "<title>\(name): \(row.counts[i])</title></rect>"
          if w >= 22 {
            let ink = i == middle ? "#222" : "#fff"
            svg +=
              "<text x=\"\(one(x + w / 2))\" y=\"\(y + 15)\" text-anchor=\"middle\" style=\"fill:\(ink)\">"
              + "\(row.counts[i])</text>"
          }
        }
        x += w
      }
      svg += "\n"
    }
    var lx = labelWidth
    let ly = rows.count * rowHeight + 12
    for (i, label) in labels.enumerated() {
      svg +=
        "<rect x=\"\(lx)\" y=\"\(ly)\" width=\"10\" height=\"10\" fill=\"\(palette[min(i, palette.count - 1)])\"/>"
      svg += "<text x=\"\(lx + 14)\" y=\"\(ly + 9)\">\(HTML.escape(clip(label, 18)))</text>"
      lx += 28 + min(label.count, 18) * 6
    }
    return svg + "\n</svg>\n"
  }

  static func one(_ value: Double) -> String { String(format: "%.1f", value) }

  static func clip(_ text: String, _ limit: Int) -> String {
    text.count > limit ? String(text.prefix(limit - 1)) + "\u{2026}" : text
  }
}
