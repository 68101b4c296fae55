import Foundation
import LearnerModel
import Printing

/// Writes the cohort report's rows as they come, in one format.
struct CohortWriter {
  let report: CohortReport
  let format: ReportFormat
  let style: TableStyle
  let sink: ReportSink
  var totals = CohortTotals()
  private var rows = 0

  init(report: CohortReport, format: ReportFormat, style: TableStyle, sink: @escaping ReportSink) {
    self.report = report
    self.format = format
    self.style = style
    self.sink = sink
  }

  static let columns = TextColumns(widths: [8, 14, 9, 9, 10, 10, 7, 6, 7, 10], right: [6, 7])
  static let header = [
    "ID", "Name", "Role", "Cohort", "Started", "Active", "Modules", "Drills", "Creed", "Completed",
  ]

  var html: HTMLReport { HTMLReport(title: report.title, subtitle: report.subtitle) }

  mutating func begin() {
    switch format {
    case .table:
      sink(style.bold(report.title) + "\n" + report.subtitle + "\n\n")
      sink(style.bold(Self.columns.line(Self.header)) + "\n")
    case .csv:
      var header = [
        "id", "name", "role", "cohort", "on_roster", "status", "started", "last_active", "completed",
        "modules_done", "modules_for_role", "drills_passed", "drills_for_role", "passed_every_drill",
        "signed",
      ]
      for drill in report.layout.drills {
        let key = "\(drill.moduleID)/\(drill.sectionID)"
        header += ["\(key) first", "\(key) best", "\(key) passed", "\(key) pass"]
      }
      for creed in report.layout.creeds {
        let key = "\(creed.moduleID)/\(creed.sectionID)"
        header += ["\(key) creed", "\(key) signed on"]
      }
      sink(CSVRows.row(header))
    case .json:
      let course = ["id": report.layout.course.id, "title": report.layout.course.title]
      var filters: [String: String] = [:]
      if let cohort = report.options.cohort { filters["cohort"] = cohort }
      if let since = report.options.since { filters["since"] = StoredTime.day(since) }
      sink(
        "{\"report\":\"cohort\",\"course\":\(JSONText.encode(course)),\"filters\":\(JSONText.encode(filters)),"
          + "\"employees\":[")
    case .html:
      sink(html.head)
      var head = "<table class=\"rows\">\n<thead><tr><th>ID</th><th>Name</th><th>Role</th><th>Cohort</th>"
      head += "<th>Started</th><th>Last active</th><th class=\"n\">Modules</th>"
      for drill in report.layout.drills { head += "<th>" + HTML.escape(drill.title) + "</th>" }
      head += "<th>Creed</th><th>Completed</th></tr></thead>\n<tbody>\n"
      sink(head)
    }
  }

  mutating func row(_ row: CohortRow) {
    totals.add(row)
    defer { rows += 1 }
    switch format {
    case .table:
      let cells = [
        row.id, row.name, row.role ?? "-", row.cohort ?? "-", row.started ?? "-", row.lastActive ?? "-",
        "\(row.modulesDone)/\(row.modulesForRole)", "\(row.drillsPassed)/\(row.drillsForRole)",
        row.creedSummary,
        row.completed ?? "-",
      ]
      sink(Self.columns.line(cells) + "\n")
      for drill in row.drills where drill.forRole && (drill.answered > 0 || drill.passed) {
        let scores = "first \(Shown.percent(drill.first)), best \(Shown.percent(drill.best))"
        let pass = drill.passed ? style.good(drill.pass) : drill.pass
        let line = Wrap.lines(
          "    " + Charts.clip(drill.title, 28) + ": " + scores + "; " + drill.pass, indent: 6)
        sink(drill.passed ? line.replacingOccurrences(of: drill.pass, with: pass) : line)
      }
    case .csv:
      var fields = [
        row.id, row.name, row.role ?? "", row.cohort ?? "", row.onRoster ? "yes" : "no", row.status,
        row.started ?? "", row.lastActive ?? "", row.completed ?? "", "\(row.modulesDone)",
        "\(row.modulesForRole)", "\(row.drillsPassed)", "\(row.drillsForRole)",
        row.passedEveryDrill ? "yes" : "no",
        row.signed ? "yes" : "no",
      ]
      for drill in row.drills {
        fields += [
          drill.first.map { Shown.number($0 * 100, digits: 0) } ?? "",
          drill.best.map { Shown.number($0 * 100, digits: 0) } ?? "", drill.passed ? "yes" : "no", drill.pass,
        ]
      }
      for creed in row.creeds { fields += [creed.status, creed.signedOn ?? ""] }
      sink(CSVRows.row(fields))
    case .json:
      sink((rows == 0 ? "\n" : ",\n") + JSONText.encode(row))
    case .html:
      var tr = "<tr><td>\(HTML.escape(row.id))</td><td>\(HTML.escape(row.name))</td>"
      tr += "<td>\(HTML.escape(row.role ?? "-"))</td><td>\(HTML.escape(row.cohort ?? "-"))</td>"
      tr += "<td class=\"d\">\(row.started ?? "<span class=\"muted\">not started</span>")</td>"
      tr += "<td class=\"d\">\(row.lastActive ?? "-")</td>"
      tr += "<td class=\"n\">\(row.modulesDone)/\(row.modulesForRole)</td>"
      for drill in row.drills {
        if !drill.forRole {
          tr += "<td class=\"muted\">not for role</td>"
        } else if drill.answered == 0 && !drill.passed {
          tr += "<td class=\"muted\">-</td>"
        } else {
          let mark = drill.passed ? "ok" : "no"
          tr += "<td>first \(Shown.percent(drill.first)), best \(Shown.percent(drill.best))<br>"
          tr += "<span class=\"\(mark)\">\(HTML.escape(drill.pass))</span></td>"
        }
      }
      let creed = row.creeds.filter(\.forRole).map { cell in
        switch cell.status {
        case "signed": "<span class=\"ok\">signed</span> <span class=\"d\">\(cell.signedOn ?? "")</span>"
        case "earlier-version": "signed an earlier version <span class=\"d\">\(cell.signedOn ?? "")</span>"
        default: "<span class=\"muted\">not signed</span>"
        }
      }
      tr += "<td>\(creed.isEmpty ? "-" : creed.joined(separator: "<br>"))</td>"
      tr += "<td class=\"d\">\(row.completed ?? "-")</td></tr>\n"
      sink(tr)
    }
  }

  func end() {
    let t = totals
    switch format {
    case .table:
      let text =
        "Totals: \(t.listed) listed, \(t.enrolled) enrolled, \(t.notStarted) not started, "
        + "\(t.inProgress) in progress, \(t.completed) completed, \(t.passedEveryDrill) passed every drill, "
        + "\(t.signed) signed the creed"
        + (t.signedEarlierVersion > 0 ? " (\(t.signedEarlierVersion) more signed an earlier version)" : "")
      sink("\n" + Wrap.lines(text, indent: 8))
    case .csv:
      break
    case .json:
      sink((rows == 0 ? "" : "\n") + "],\"totals\":" + JSONText.encode(t) + "}\n")
    case .html:
      sink("</tbody>\n</table>\n")
      sink(html.tail(summary: summary))
    }
  }

  /// The summary shown at the top of the page: the totals and the two charts.
  private var summary: String {
    let t = totals
    var out = "<div class=\"cards\">"
    for (label, value) in [
      ("listed", t.listed), ("enrolled", t.enrolled), ("in progress", t.inProgress),
      ("completed", t.completed),
      ("passed every drill", t.passedEveryDrill), ("signed the creed", t.signed),
    ] {
      out += "<div class=\"card\"><b>\(value)</b>\(label)</div>"
    }
    out += "</div>\n"
    let funnel: [Charts.Bar] = [
      ("On the list", t.listed), ("Started", t.enrolled), ("Completed", t.completed),
      ("Passed every drill", t.passedEveryDrill), ("Signed the creed", t.signed),
    ].map { label, value in
      Charts.Bar(
        label: label, value: Double(value),
        shown: "\(value)" + (t.listed > 0 ? " (\(Shown.percent(Double(value) / Double(t.listed))))" : ""))
    }
    out +=
      "<figure><figcaption>Completion funnel</figcaption>\n"
      + Charts.bars(funnel, maximum: Double(max(t.listed, 1)))
      + "</figure>\n"
    let rates = t.drills.map { drill in
      let rate = drill.enrolled > 0 ? Double(drill.passed) / Double(drill.enrolled) : 0
      return Charts.Bar(
        label: drill.title, value: rate,
        shown: "\(Shown.percent(rate)): \(drill.passed) of \(drill.enrolled)")
    }
    if !rates.isEmpty {
      out +=
        "<figure><figcaption>Pass rate per drill (of employees enrolled whose role takes it)</figcaption>\n"
        + Charts.bars(rates, maximum: 1, color: "#2f8f4e") + "</figure>\n"
    }
    out += "<h2>Employees</h2>\n"
    return out
  }
}
