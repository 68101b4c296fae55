import CourseModel
import CourseProgress
import Foundation
import Printing

/// A certificate of completion: one self-contained HTML page that prints on one sheet of
/// A4 or US Letter paper.
///
/// It shows who completed which course and when, the drills passed with their best
/// scores, and whether each creed was signed (with the version signed). It is made from a
/// ``CourseSummary``, so it holds no private text: no reflection, no creed note, no
/// belief answer, nothing the employee wrote but their name.
///
/// To stay on one sheet whatever the course, a long list of drills is set in two narrow
/// columns, a very long one is given as a count only, and a name or title too long for
/// the page is cut (with "…") where a printed line would run out of room.
public struct Certificate: Sendable {
  /// What the employee did in the course.
  public var summary: CourseSummary
  /// When the course was completed (the enrolment's completion).
  public var completed: Date
  /// The version of the course completed (its content hash), when it is known.
  public var courseVersion: String?
  /// The time zone dates are written in.
  public var timeZone: TimeZone

  /// Drills listed one a line up to this many; past it, in two columns.
  static let listedInFull = 14
  /// Drills listed at all up to this many; past it, only counted.
  static let listedAtMost = 40
  /// Creeds named one a line up to this many; past it, only counted.
  static let creedsNamed = 3
  /// The longest name and course title printed whole.
  static let longestName = 200
  static let longestTitle = 240
  /// The longest drill or creed title printed whole (in the list of drills: one column,
  /// two columns).
  static let longestItem = (full: 70, twoColumns: 26)

  /// Why a certificate cannot be made.
  public enum Refusal: Error, Sendable, Hashable {
    /// The employee has not completed the course; `finished` of `modules` modules for
    /// their role are finished.
    case notCompleted(finished: Int, modules: Int)
  }

  /// The certificate of `summary`.
  /// - Parameters:
  ///   - completed: When the enrolment was marked complete; `nil` when it was not.
  ///   - courseVersion: The version of the course completed, when it is known.
  /// - Throws: ``Refusal/notCompleted(finished:modules:)`` when the course is not complete.
  public init(
    summary: CourseSummary, completed: Date?, courseVersion: String?, timeZone: TimeZone = .current
  ) throws(Refusal) {
    guard let completed else {
      let forRole = summary.modules.filter { $0.status != .notForRole }
      throw .notCompleted(finished: forRole.filter(\.status.isFinished).count, modules: forRole.count)
    }
    self.summary = summary
    self.completed = completed
    self.courseVersion = courseVersion
    self.timeZone = timeZone
  }

  /// The drills of the modules for the employee's role.
  var drills: [CourseSummary.Drill] { summary.modules.flatMap(\.drills) }

  /// The whole HTML document.
  public var html: String {
    HTMLPage(
      title: "Certificate of completion: \(Self.clean(summary.courseTitle, Self.longestTitle))",
      body: body, css: Self.css
    ).html
  }

  var body: String {
    let name = Self.clean(summary.employeeName, Self.longestName)
    let title = Self.clean(summary.courseTitle, Self.longestTitle)
    let forRole = summary.modules.filter { $0.status != .notForRole }
    let passed = summary.drillsPassed
    var out = "<main class=\"certificate\">\n"
    out += "<p class=\"kicker\">Certificate of completion</p>\n"
    out += "<p class=\"lead\">This certifies that</p>\n"
    // Long names and titles are set smaller, so they never push the page onto two sheets.
    out += "<p class=\"name \(Self.size(of: name, short: 40, long: 100))\">\(HTML.escape(name))</p>\n"
    out += "<p class=\"lead\">completed the course</p>\n"
    out += "<h1 class=\"\(Self.size(of: title, short: 60, long: 150))\">\(HTML.escape(title))</h1>\n"
    out += "<p class=\"date\">on <strong>\(Self.day(completed, in: timeZone))</strong></p>\n"
    out += "<table class=\"facts\">\n"
    let role = summary.role.map { " for the \(Self.text($0, 60)) role" } ?? ""
    out += row(
      "Modules", "\(forRole.filter(\.status.isFinished).count) of \(forRole.count) completed\(role)")
    out += row(
      "Drills passed", drills.isEmpty ? "this course has no drills" : "\(passed.count) of \(drills.count)")
    switch summary.creeds.count {
    case 0: out += row("Creed", "this course has no creed")
    case ...Self.creedsNamed: for creed in summary.creeds { out += row("Creed", creedText(creed)) }
    default:
      out += row("Creeds", "\(summary.creeds.filter(\.signed).count) of \(summary.creeds.count) signed")
    }
    out += "</table>\n"
    out += drillList(passed)
    out += "<p class=\"small\">Employee \(Self.text(summary.employeeID, 64)) · course "
    out += Self.text(summary.courseID, 64)
    if let courseVersion { out += ", version \(Self.text(courseVersion, 64))" }
    out += " · recorded by coach. Reflections, notes and belief answers are private and never printed.</p>\n"
    out += "</main>\n"
    return out
  }

  /// The type size of a name or title: `short` characters or fewer at full size, up to
  /// `long` smaller, past it smallest.
  static func size(of text: String, short: Int, long: Int) -> String {
    text.count <= short ? "full" : text.count <= long ? "smaller" : "smallest"
  }

  func row(_ label: String, _ value: String) -> String {
    "<tr><th scope=\"row\">\(label)</th><td>\(value)</td></tr>\n"
  }

  func creedText(_ creed: CourseSummary.CreedLine) -> String {
    let title = "\u{201C}\(Self.text(creed.title, Self.longestItem.full))\u{201D}"
    if let at = creed.signedAt {
      return "\(title): version \(Self.text(creed.version, 64)) signed on \(Self.day(at, in: timeZone))"
    }
    if let earlier = creed.earlierVersionSignedAt {
      return "\(title): an earlier version signed on \(Self.day(earlier, in: timeZone)); "
        + "version \(Self.text(creed.version, 64)) not signed"
    }
    return "\(title): not signed"
  }

  /// The drills passed, one a line with the module's number and the best score: in two
  /// columns when there are many, a count only when there are too many for one page.
  func drillList(_ passed: [CourseSummary.Drill]) -> String {
    guard !passed.isEmpty else { return "" }
    guard passed.count <= Self.listedAtMost else {
      return "<p class=\"small\">The \(passed.count) drills passed are listed in coach progress.</p>\n"
    }
    let two = passed.count > Self.listedInFull
    let longest = two ? Self.longestItem.twoColumns : Self.longestItem.full
    var out = "<h2>Each drill passed, with its best score</h2>\n"
    out += two ? "<ul class=\"drills two\">\n" : "<ul class=\"drills\">\n"
    for drill in passed {
      out +=
        "<li><span class=\"module\">Module \(drill.module + 1):</span> \(Self.text(drill.title, longest))"
      out += " <span class=\"score\">\(Self.percent(drill.best))</span></li>\n"
    }
    out += "</ul>\n"
    return out
  }

  /// Text that coach did not write (names, titles) for the page: control characters shown,
  /// cut to `limit` characters, HTML-escaped.
  static func text(_ text: String, _ limit: Int) -> String { HTML.escape(clean(text, limit)) }

  static func clean(_ text: String, _ limit: Int) -> String {
    let safe = ShownText.safe(text)
    guard safe.count > limit else { return safe }
    return String(safe.prefix(limit - 1)) + "\u{2026}"
  }

  static func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "-" }

  /// A day as people write it: `3 May 2026`.
  static func day(_ date: Date, in timeZone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.day, .month, .year], from: date)
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ]
    return "\(parts.day ?? 1) \(months[max(0, min(11, (parts.month ?? 1) - 1))]) \(parts.year ?? 1970)"
  }

  /// The certificate's own look, after the shared print rules: a framed page, centred,
  /// that stays within one sheet of A4 or Letter.
  static let css = """
    @page { margin: 14mm; }
    .certificate { border: 3px double #333; padding: 8mm 9mm 6mm; text-align: center; \
    overflow-wrap: anywhere; break-inside: avoid; page-break-inside: avoid; }
    .kicker { font: 600 12pt/1.3 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; \
    text-transform: uppercase; margin: 0 0 1em; }
    .lead { font-style: italic; margin: 0.3em 0; }
    .name { line-height: 1.2; font-weight: bold; margin: 0.2em 0 0.3em; }
    .name.full { font-size: 22pt; }
    .name.smaller { font-size: 16pt; }
    .name.smallest { font-size: 12pt; }
    .certificate h1 { margin: 0.2em 0 0.3em; }
    .certificate h1.full { font-size: 17pt; }
    .certificate h1.smaller { font-size: 14pt; }
    .certificate h1.smallest { font-size: 11pt; }
    .date { margin: 0 0 1em; }
    .facts { margin: 0 auto 0.8em; border-collapse: collapse; text-align: left; font-size: 10pt; \
    line-height: 1.3; }
    .facts th { font-weight: 600; padding: 0.1em 1em 0.1em 0; vertical-align: top; white-space: nowrap; }
    .facts td { padding: 0.1em 0; }
    .certificate h2 { font-size: 10.5pt; margin: 0.5em 0 0.3em; }
    .drills { text-align: left; font-size: 9pt; line-height: 1.3; margin: 0 auto 0.6em; \
    padding-left: 0; list-style: none; max-width: 40em; }
    .drills li { margin: 0; break-inside: avoid; }
    .drills.two { columns: 2; column-gap: 2em; font-size: 7.5pt; line-height: 1.25; max-width: none; }
    .module { color: #444; }
    .score { color: #444; white-space: nowrap; }
    .small { font-size: 8pt; line-height: 1.3; color: #444; margin: 0.6em 0 0; }

    """
}
