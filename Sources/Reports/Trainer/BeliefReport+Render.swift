import Foundation
import Printing

extension BeliefReport {
  var title: String { "Beliefs report: \(course.title)" }

  var subtitle: String {
    "course \(course.id), " + (cohort.map { "cohort \($0)" } ?? "every cohort")
      + "; never scored; groups of fewer than \(minimumGroup) answers are not shown"
  }

  /// The report in `format`.
  public func render(_ format: ReportFormat, color: Bool = false) -> String {
    switch format {
    case .table: table(TableStyle(color: color))
    case .csv: csv()
    case .json: json()
    case .html: html()
    }
  }

  private func table(_ style: TableStyle) -> String {
    var out = style.bold(title) + "\n" + subtitle + "\n"
    for item in items {
      out +=
        "\n" + style.bold(Charts.clip("\(item.id)  \(item.kind.capitalized): \(item.prompt)", 100)) + "\n"
      if item.kind == "reflect" {
        out += "  written: \(item.written ?? 0); shared with the trainer: \(item.shared?.count ?? 0)\n"
        for text in item.shared ?? [] {
          let quoted =
            "\u{201C}" + text.split(whereSeparator: \.isNewline).joined(separator: " ") + "\u{201D}"
          out += Wrap.lines("    " + quoted, indent: 5)
        }
        continue
      }
      let who = item.beforeAndAfter ? "answered before and after" : "answered"
      out += "  \(who): \(item.respondents)\n"
      guard item.shown else {
        for line in Wrap.lines("  " + (item.hidden ?? Self.hiddenText), indent: 2).split(separator: "\n") {
          out += "  " + style.dim(String(line.dropFirst(2))) + "\n"
        }
        continue
      }
      if item.kind == "rank" {
        let columns = TextColumns(
          widths: [30] + Array(repeating: 5, count: item.labels.count) + [6],
          right: Set(1...item.labels.count + 1))
        out += "  " + columns.line(["position:"] + item.labels.indices.map { "\($0 + 1)" } + ["mean"]) + "\n"
        for p in item.positions ?? [] {
          out +=
            "  "
            + columns.line([p.option] + p.counts.map(String.init) + [Shown.number(p.meanPosition, digits: 1)])
            + "\n"
        }
        continue
      }
      let scale = item.labels.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", ")
      out += Wrap.lines("  scale: " + scale, indent: 9)
      let columns = TextColumns(
        widths: [8] + Array(repeating: 6, count: item.labels.count), right: Set(1...item.labels.count))
      out += "  " + columns.line([""] + item.labels.indices.map { "\($0 + 1)" }) + "\n"
      if let before = item.before, let after = item.after {
        out += "  " + columns.line(["before"] + before.map(String.init)) + "\n"
        out += "  " + columns.line(["after"] + after.map(String.init)) + "\n"
        let shift = item.meanShift.map { ($0 >= 0 ? "+" : "") + Shown.number($0) } ?? "-"
        out += "  mean shift \(shift); moved up \(item.movedUp ?? 0), down \(item.movedDown ?? 0), "
        out += "not at all \(item.unchanged ?? 0)\n"
      } else if let distribution = item.distribution {
        out += "  " + columns.line(["answers"] + distribution.map(String.init)) + "\n"
      }
    }
    return out
  }

  private func csv() -> String {
    var out = CSVRows.row(["item", "kind", "prompt", "measure", "label", "value"])
    for item in items {
      func add(_ measure: String, _ label: String, _ value: String) {
        out += CSVRows.row([item.id, item.kind, item.prompt, measure, label, value])
      }
      add(item.beforeAndAfter ? "answered-both" : "respondents", "", "\(item.respondents)")
      if let written = item.written {
        add("written", "", "\(written)")
        for text in item.shared ?? [] { add("shared", "", text) }
        continue
      }
      guard item.shown else {
        add("hidden", "", item.hidden ?? Self.hiddenText)
        continue
      }
      for (i, label) in item.labels.enumerated() {
        if let before = item.before { add("before", label, "\(before[i])") }
        if let after = item.after { add("after", label, "\(after[i])") }
        if let distribution = item.distribution { add("answers", label, "\(distribution[i])") }
      }
      if item.before != nil {
        add("mean-shift", "", Shown.number(item.meanShift, digits: 3))
        add("moved-up", "", "\(item.movedUp ?? 0)")
        add("moved-down", "", "\(item.movedDown ?? 0)")
        add("unchanged", "", "\(item.unchanged ?? 0)")
      }
      for p in item.positions ?? [] {
        for (i, n) in p.counts.enumerated() { add("position-\(i + 1)", p.option, "\(n)") }
        add("mean-position", p.option, Shown.number(p.meanPosition, digits: 2))
      }
    }
    return out
  }

  private func json() -> String {
    struct Document: Encodable {
      var report = "beliefs"
      var course: [String: String]
      var cohort: String?
      var minimumGroup: Int
      var items: [Item]

      func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(report, forKey: .report)
        try c.encode(course, forKey: .course)
        try c.encode(cohort, forKey: .cohort)
        try c.encode(minimumGroup, forKey: .minimumGroup)
        try c.encode(items, forKey: .items)
      }

      enum CodingKeys: String, CodingKey { case report, course, cohort, minimumGroup, items }
    }
    return JSONText.encode(
      Document(
        course: ["id": course.id, "title": course.title], cohort: cohort, minimumGroup: minimumGroup,
        items: items))
      + "\n"
  }

  private func html() -> String {
    let page = HTMLReport(title: title, subtitle: subtitle)
    var body = ""
    var diverging: [String] = []
    for item in items {
      body += "<section class=\"item\"><h3>\(HTML.escape(item.prompt))</h3>\n"
      body += "<p class=\"muted\">\(HTML.escape(item.id)) \u{B7} \(item.kind)"
      body += item.beforeAndAfter ? " \u{B7} asked before and after" : ""
      body += " \u{B7} \(item.beforeAndAfter ? "answered both" : "answered"): \(item.respondents)</p>\n"
      if item.kind == "reflect" {
        body +=
          "<p>Reflections written: \(item.written ?? 0); shared with the trainer: \(item.shared?.count ?? 0)</p>\n"
        for text in item.shared ?? [] {
          body +=
            "<blockquote class=\"shared\">" + HTML.escape(text).replacingOccurrences(of: "\n", with: "<br>")
            + "</blockquote>\n"
        }
        body += "</section>\n"
        continue
      }
      guard item.shown else {
        body += "<p class=\"hidden-note\">\(HTML.escape(item.hidden ?? Self.hiddenText))</p></section>\n"
        continue
      }
      if let before = item.before, let after = item.after {
        let chart = Charts.diverging(
          [
            Charts.Diverging(label: "Before", counts: before),
            Charts.Diverging(label: "After", counts: after),
          ],
          labels: item.labels)
        body += "<figure>" + chart + "</figure>\n"
        diverging.append(
          "<figure><figcaption>\(HTML.escape(item.prompt))</figcaption>" + chart + "</figure>\n")
        let shift = item.meanShift.map { ($0 >= 0 ? "+" : "") + Shown.number($0) } ?? "-"
        body += "<p>Mean shift \(shift) points; moved up \(item.movedUp ?? 0), down \(item.movedDown ?? 0), "
        body += "not at all \(item.unchanged ?? 0).</p>\n"
        body += distributionTable(item.labels, [("Before", before), ("After", after)])
      } else if let distribution = item.distribution {
        body +=
          "<figure>"
          + Charts.diverging([Charts.Diverging(label: "Answers", counts: distribution)], labels: item.labels)
          + "</figure>\n"
        body += distributionTable(item.labels, [("Answers", distribution)])
      } else if let positions = item.positions {
        body += "<table class=\"dist\"><thead><tr><th>Option</th>"
        body += positions.indices.map {
          "<th class=\"n\">\($0 + 1)\($0 == 0 ? "st" : $0 == 1 ? "nd" : $0 == 2 ? "rd" : "th")</th>"
        }.joined()
        body += "<th class=\"n\">Mean position</th></tr></thead><tbody>\n"
        for p in positions.sorted(by: { ($0.meanPosition ?? 99) < ($1.meanPosition ?? 99) }) {
          body +=
            "<tr><td>\(HTML.escape(p.option))</td>" + p.counts.map { "<td class=\"n\">\($0)</td>" }.joined()
          body += "<td class=\"n\">\(Shown.number(p.meanPosition, digits: 1))</td></tr>\n"
        }
        body += "</tbody></table>\n"
      }
      body += "</section>\n"
    }
    var summary = "<p>No answer here is right or wrong, and none is scored. Groups of fewer than "
    summary +=
      "\(minimumGroup) answers are not shown, so that nobody's own answer can be read off the report.</p>\n"
    if !diverging.isEmpty {
      summary += "<h2>Before and after</h2>\n" + diverging.joined()
    }
    summary += "<h2>Every item</h2>\n"
    return page.head + body + page.tail(summary: summary)
  }

  private func distributionTable(_ labels: [String], _ rows: [(String, [Int])]) -> String {
    var out = "<table class=\"dist\"><thead><tr><th></th>"
    out += labels.map { "<th class=\"n\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
    for (name, counts) in rows {
      out += "<tr><td>\(name)</td>" + counts.map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>\n"
    }
    return out + "</tbody></table>\n"
  }
}
