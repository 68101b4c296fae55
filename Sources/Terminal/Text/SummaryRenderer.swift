import CourseProgress
import Foundation

/// The end-of-course summary as lines: a list in pipe mode and on narrow terminals, a
/// table on wide ones.
struct SummaryRenderer {
  let renderer: ScreenRenderer

  func render(_ summary: CourseSummary) -> [StyledLine] {
    let wrapper = Wrapper(width: renderer.width)
    var lines: [StyledLine] = []
    var dates: [String] = []
    if let started = summary.started { dates.append("Started \(Self.day(started))") }
    if let completed = summary.completed, summary.isComplete {
      dates.append("completed \(Self.day(completed))")
    }
    if !dates.isEmpty { lines += wrapper.wrap([Span(dates.joined(separator: ", ") + ".", [.dim])]) }
    lines += wrapper.wrap([
      Span(
        "Time spent: \(Self.duration(summary.timeSpent)), over \(summary.sessions) "
          + (summary.sessions == 1 ? "session." : "sessions."), [.dim])
    ])
    lines.append(StyledLine())
    let modules = summary.modules
    if renderer.isPipe || renderer.width < 72 {
      for module in modules {
        lines += wrapper.wrap(
          [Span("\(module.index + 1). \(module.title): "), Span(module.status.label, style(module.status))],
          rest: [Span("   ")])
        for drill in module.drills {
          lines += wrapper.wrap(
            [Span("Drill \(Self.quoted(drill.title)): \(scores(drill))", drill.passed ? [.good] : [.warn])],
            first: [Span("   ")], rest: [Span("     ")])
        }
      }
    } else {
      let titleWidth = min(44, max(20, renderer.width - 54))
      func cell(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - TextWidth.of(text)))
      }
      lines.append(
        StyledLine(
          "  " + cell("#", 4) + cell("Module and drills", titleWidth) + cell("Status", 19) + cell("First", 7)
            + cell("Best", 7) + "Pass", [.dim]))
      for module in modules {
        let title = Wrapper(width: titleWidth - 1).wrap([Span(module.title)]).map(\.plain)
        for (n, text) in title.enumerated() {
          lines.append(
            StyledLine([
              Span("  " + cell(n == 0 ? "\(module.index + 1)" : "", 4)), Span(cell(text, titleWidth)),
              Span(n == 0 ? module.status.label : "", style(module.status)),
            ]))
        }
        for drill in module.drills {
          let name = Wrapper(width: titleWidth - 3).wrap([Span("Drill: " + drill.title)]).map(\.plain)
          for (n, text) in name.enumerated() {
            let last = n == name.count - 1
            lines.append(
              StyledLine([
                Span("  " + cell("", 4) + "  " + cell(text, titleWidth - 2), [.dim]),
                Span(
                  last ? cell(drill.passed ? "passed" : "not passed", 19) : "",
                  drill.passed ? [.good] : [.warn]),
                Span(last ? cell(Self.percent(drill.first), 7) + cell(Self.percent(drill.best), 7) : ""),
                Span(last ? "\(drill.passMark)%" : "", [.dim]),
              ]))
          }
        }
      }
    }
    if !summary.creeds.isEmpty { lines.append(StyledLine()) }
    for creed in summary.creeds {
      let state: String
      if let at = creed.signedAt {
        state = "signed on \(Self.day(at))."
      } else if let earlier = creed.earlierVersionSignedAt {
        state = "an earlier version signed on \(Self.day(earlier)); this version not signed."
      } else {
        state = "not signed."
      }
      lines += wrapper.wrap(
        [Span("Creed \(Self.quoted(creed.title)): "), Span(state, creed.signed ? [.good] : [.warn])])
    }
    return lines
  }

  func scores(_ drill: CourseSummary.Drill) -> String {
    guard let first = drill.first, let best = drill.best else {
      return "not finished (pass mark \(drill.passMark)%)"
    }
    let first100 = Self.percent(first)
    let best100 = Self.percent(best)
    let pass = drill.passed ? "passed" : "not passed yet"
    return "first \(first100), best \(best100), pass mark \(drill.passMark)%: \(pass)"
  }

  func style(_ status: ModuleProgress.Status) -> TextStyle { renderer.statusStyle(status) }

  static func quoted(_ text: String) -> String { "\u{201C}\(text)\u{201D}" }

  static func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "-" }

  /// "under a minute", "about 12 minutes", "about 1 h 5 min".
  static func duration(_ seconds: TimeInterval) -> String {
    let minutes = Int((seconds / 60).rounded())
    if minutes < 1 { return "under a minute" }
    if minutes < 60 { return "about \(minutes) minute\(minutes == 1 ? "" : "s")" }
    let hours = minutes / 60
    let rest = minutes % 60
    return "about \(hours) h" + (rest == 0 ? "" : " \(rest) min")
  }

  /// A day as people write it: `3 May 2025`, in the machine's time zone.
  static func day(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone.current
    let parts = calendar.dateComponents([.day, .month, .year], from: date)
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ]
    return "\(parts.day ?? 1) \(months[max(0, min(11, (parts.month ?? 1) - 1))]) \(parts.year ?? 1970)"
  }
}
