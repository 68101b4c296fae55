import CourseModel
import Foundation
import LearnerModel
import Printing

/// `coach report items`: item analysis of a course's drill questions, hardest first.
/// Only answers to each question as it is now count (an answer to an earlier answer key
/// does not). Beliefs are never in it.
///
/// The discrimination index is the item-rest correlation (a corrected point-biserial):
/// over the learners who answered every question of the drill, Pearson's correlation of
/// their first score on this question with the sum of their first scores on the drill's
/// other questions. Near 1: the learners who do well on the drill get it right; near 0:
/// it does not tell strong and weak learners apart; below 0: the strong ones miss it
/// more often (check the answer key).
public struct ItemReport: Sendable {
  public struct Row: Sendable, Hashable, Encodable {
    public var rank: Int
    public var id: String
    public var module: String
    public var section: String
    public var drill: String
    public var prompt: String
    public var kind: String
    public var learners: Int
    /// Of the learners, the share whose first answer was fully right (0...1); `nil` with none.
    public var firstTryRight: Double?
    /// Answers per learner, retries included.
    public var meanAttempts: Double?
    /// The wrong choice picked most often (for a select-all question, each wrong choice
    /// picked counts); for other kinds, the most frequent wrong answer.
    public var mostChosenWrong: String?
    public var mostChosenWrongCount: Int
    public var discrimination: Double?
    /// Learners the discrimination index is computed over.
    public var discriminationLearners: Int
  }

  public let course: Course
  public let rows: [Row]

  /// Item analysis from the store's figures.
  public init(course: Course, statistics: [QuestionStatistics]) {
    self.course = course
    var rows: [Row] = []
    var n = 0
    for module in course.modules {
      for section in module.sections {
        guard case .drill(_, let questions) = section.content else { continue }
        for question in questions {
          let stats = n < statistics.count ? statistics[n] : QuestionStatistics(itemID: question.id)
          n += 1
          let wrong = Self.mostChosenWrong(question, stats.wrongAnswers)
          rows.append(
            Row(
              rank: 0, id: question.id, module: module.id, section: section.id, drill: section.title,
              prompt: question.prompt, kind: question.kind.rawValue, learners: stats.learners,
              firstTryRight: stats.learners > 0 ? Double(stats.firstRight) / Double(stats.learners) : nil,
              meanAttempts: stats.learners > 0 ? Double(stats.answers) / Double(stats.learners) : nil,
              mostChosenWrong: wrong?.text, mostChosenWrongCount: wrong?.count ?? 0,
              discrimination: stats.rest.correlation, discriminationLearners: stats.rest.n))
        }
      }
    }
    // Hardest first: the lowest first-try share; questions nobody answered last.
    let order = rows.indices.sorted { a, b in
      switch (rows[a].firstTryRight, rows[b].firstTryRight) {
      case (let x?, let y?): return x != y ? x < y : a < b
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a < b
      }
    }
    self.rows = order.enumerated().map { rank, index in
      var row = rows[index]
      row.rank = rank + 1
      return row
    }
  }

  /// The wrong choice (or answer) given most often, with how often.
  static func mostChosenWrong(_ question: Question, _ answers: [AnswerCount]) -> (text: String, count: Int)? {
    guard case .choice(let choices) = question.body else {
      return answers.first.map { ($0.response, $0.count) }
    }
    var counts = Array(repeating: 0, count: choices.count)
    let keys = choices.map { AnswerCount.key($0.text) }
    for answer in answers {
      var rest = Substring(AnswerCount.key(answer.response))
      var picked: [Int] = []
      for (i, key) in keys.enumerated() where !rest.isEmpty {
        if rest == key {
          picked.append(i)
          rest = ""
        } else if rest.hasPrefix(key + " | ") {
          picked.append(i)
          rest = rest.dropFirst(key.count + 3)
        }
      }
      guard rest.isEmpty else { continue }
      for i in picked where !choices[i].isCorrect { counts[i] += answer.count }
    }
    guard
      let top = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }),
      counts[top] > 0
    else { return nil }
    return (choices[top].text, counts[top])
  }

  static let columns = TextColumns(widths: [3, 18, 12, 5, 6, 5, 6, 36], right: [0, 3, 4, 5, 6])

  /// The report in `format`.
  public func render(_ format: ReportFormat, color: Bool = false) -> String {
    let style = TableStyle(color: color)
    let title = "Item analysis: \(course.title)"
    switch format {
    case .table:
      var out =
        style.bold(title)
        + "\ncourse \(course.id); hardest first; answers to earlier versions do not count\n\n"
      out +=
        style.bold(
          Self.columns.line([
            "#", "Question", "Drill", "Who", "First", "Tries", "Discr", "Most chosen wrong answer",
          ]))
        + "\n"
      for row in rows {
        let wrong = row.mostChosenWrong.map { "\(row.mostChosenWrongCount)x \($0)" } ?? "-"
        out +=
          Self.columns.line([
            "\(row.rank)", row.id, row.drill, "\(row.learners)", Shown.percent(row.firstTryRight),
            Shown.number(row.meanAttempts, digits: 1), Shown.number(row.discrimination), wrong,
          ]) + "\n"
      }
      out += "\nWho: learners who answered. First: right at the first try. Tries: answers per learner.\n"
      out += "Discr: discrimination, the item-rest correlation over learners who answered the whole drill.\n"
      return out
    case .csv:
      var out = CSVRows.row([
        "rank", "item", "module", "section", "drill", "prompt", "kind", "learners", "first_try_right_percent",
        "mean_attempts", "discrimination", "discrimination_learners", "most_chosen_wrong",
        "most_chosen_wrong_count",
      ])
      for row in rows {
        out += CSVRows.row([
          "\(row.rank)", row.id, row.module, row.section, row.drill, row.prompt, row.kind, "\(row.learners)",
          row.firstTryRight.map { Shown.number($0 * 100, digits: 1) } ?? "",
          row.meanAttempts.map { Shown.number($0, digits: 2) } ?? "",
          row.discrimination.map { Shown.number($0, digits: 3) } ?? "", "\(row.discriminationLearners)",
          row.mostChosenWrong ?? "", "\(row.mostChosenWrongCount)",
        ])
      }
      return out
    case .json:
      struct Document: Encodable {
        var report = "items"
        var course: [String: String]
        var discriminationIndex = "item-rest correlation (corrected point-biserial)"
        var items: [Row]
      }
      return JSONText.encode(Document(course: ["id": course.id, "title": course.title], items: rows)) + "\n"
    case .html:
      let page = HTMLReport(
        title: title, subtitle: "course \(course.id); hardest first; answers to earlier versions do not count"
      )
      var body = "<table>\n<thead><tr><th class=\"n\">#</th><th>Question</th><th>Drill</th>"
      body +=
        "<th class=\"n\">Learners</th><th class=\"n\">First try right</th><th class=\"n\">Mean tries</th>"
      body += "<th class=\"n\">Discrimination</th><th>Most chosen wrong answer</th></tr></thead>\n<tbody>\n"
      for row in rows {
        body += "<tr><td class=\"n\">\(row.rank)</td><td><b>\(HTML.escape(row.id))</b><br>"
        body +=
          "<span class=\"muted\">\(HTML.escape(row.prompt))</span></td><td>\(HTML.escape(row.drill))</td>"
        body += "<td class=\"n\">\(row.learners)</td><td class=\"n\">\(Shown.percent(row.firstTryRight))</td>"
        body += "<td class=\"n\">\(Shown.number(row.meanAttempts, digits: 1))</td>"
        body += "<td class=\"n\">\(Shown.number(row.discrimination))</td>"
        body +=
          "<td>\(row.mostChosenWrong.map { HTML.escape($0) + " (\(row.mostChosenWrongCount))" } ?? "-")</td></tr>\n"
      }
      body += "</tbody>\n</table>\n"
      let bars = rows.filter { $0.firstTryRight != nil }.prefix(40).map {
        Charts.Bar(
          label: "\($0.rank). \($0.prompt)", value: $0.firstTryRight ?? 0,
          shown: "\(Shown.percent($0.firstTryRight)) of \($0.learners)")
      }
      var summary =
        "<figure><figcaption>Questions ranked by difficulty: right at the first try (hardest first"
      summary += rows.count > 40 ? ", the 40 hardest" : ""
      summary += ")</figcaption>\n" + Charts.bars(Array(bars), maximum: 1, color: "#c0632b") + "</figure>\n"
      summary +=
        "<p class=\"muted\">Discrimination: the item-rest correlation over learners who answered the "
      summary +=
        "whole drill (near 1: strong learners get it right; near 0 or below: check the question).</p>\n"
      summary += "<h2>Questions</h2>\n"
      return page.head + body + page.tail(summary: summary)
    }
  }
}
