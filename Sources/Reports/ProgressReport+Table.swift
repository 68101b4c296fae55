import CourseProgress
import Foundation
import LearnerModel

extension ProgressReport {
  /// The report as a table for the terminal, with a line under a module for what a change
  /// to the course did to its records.
  public func table() -> String {
    var lines = ["\(employee.name) (\(employee.id)\(employee.role.map { ", \($0)" } ?? ""))"]
    if courses.isEmpty { lines += ["", "No courses started yet. Start one with: coach learn"] }
    func pad(_ text: String, _ width: Int) -> String {
      let shown = text.count > width - 1 ? String(text.prefix(width - 2)) + "~" : text
      return shown + String(repeating: " ", count: max(0, width - shown.count))
    }
    func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "-" }
    for course in courses {
      lines += ["", course.title]
      if course.modules.isEmpty { lines.append("  (this course was not found in the courses folder)") }
      lines.append(
        "  " + pad("#", 4) + pad("Module", 36) + pad("Status", 19) + pad("Drill first/best", 20)
          + pad("Recall", 8) + pad("Beliefs", 9) + "Creed")
      for (n, module) in course.modules.enumerated() {
        let drill: String
        if module.drill.attempts == 0 && module.drill.best == nil {
          drill = "-"
        } else if module.drill.best == nil {
          drill = "\(module.drill.answered) of \(module.drill.questions) answered"
        } else {
          drill = "\(percent(module.drill.first)) / \(percent(module.drill.best))"
        }
        let beliefs =
          module.beliefs.total == 0 || module.status == .notForRole
          ? "-" : "\(module.beliefs.answered)/\(module.beliefs.total)"
        let creed =
          module.creed.signed
          ? "signed"
          : module.creed.earlierVersionSignedOn != nil
            ? "earlier"
            : module.creed.exists && ![.notForRole, .notStarted].contains(module.status) ? "not signed" : "-"
        lines.append(
          "  " + pad("\(n + 1)", 4) + pad(module.title, 36) + pad(module.status.label, 19) + pad(drill, 20)
            + pad(percent(module.recall), 8) + pad(beliefs, 9) + creed)
        lines += Self.notes(module).map { "      " + $0 }
      }
      for retired in course.retired {
        lines.append(
          "  retired (kept): \(Self.describe(retired)) in module \(retired.module), no longer in the course")
      }
      if let review = course.review, review.listed > 0 {
        lines += ["", "  " + Self.reviewLine(review)]
      }
    }
    return lines.joined(separator: "\n")
  }

  /// "Review: 3 questions due (coach review asks them); the next on 2026-03-09. Recall is
  /// the estimated chance of answering a module's questions right today."
  static func reviewLine(_ review: ReviewEntry) -> String {
    let next = review.nextDue.map { String($0.prefix(10)) }
    var text: String
    if review.due > 0 {
      text =
        "Review: \(review.due == 1 ? "1 question" : "\(review.due) questions") due (coach review asks them)"
      text += next.map { "; the next on \($0)." } ?? "."
    } else {
      text = "Review: nothing due" + (next.map { "; the next on \($0)." } ?? ".")
    }
    return text + " Recall: the estimated chance of answering a module's drill questions right today."
  }

  /// What changed for a module's records, one line each.
  static func notes(_ module: ModuleEntry) -> [String] {
    var notes: [String] = []
    for drill in module.drills {
      let name = "drill '\(drill.title)'"
      if let pass = drill.passedAt,
        drill.standing != .passed || pass.earlierVersion == true
          || (pass.mark.map { $0 != drill.passMark } ?? false)
      {
        var text = "\(name): passed"
        if let mark = pass.mark { text += " at \(mark)%" }
        if let on = pass.on { text += " on \(on.prefix(10))" }
        if pass.earlierVersion == true { text += " (an earlier version of it)" }
        switch drill.standing {
        case .passed: text += "; now passed against the pass mark of \(drill.passMark)%"
        case .belowMark:
          text +=
            "; now \(drill.score.map { "\(Int(($0 * 100).rounded()))%" } ?? "-") against the pass mark of \(drill.passMark)%"
        case .unfinished, .notStarted:
          let left = drill.questions - drill.answered
          text += "; now \(left) question\(left == 1 ? "" : "s") to answer"
        }
        notes.append(text)
      }
      let again = Set(drill.askedAgain.map(\.id))
      if !drill.askedAgain.isEmpty {
        let ids = drill.askedAgain.map(\.id).joined(separator: ", ")
        notes.append(
          "\(name): asked again, the question changed since it was answered: \(ids) (earlier answers kept)")
      }
      let new = drill.pending.filter { !again.contains($0) }
      if !new.isEmpty && drill.answered > 0 {
        notes.append("\(name): new, to answer: \(new.joined(separator: ", "))")
      }
    }
    if let on = module.creed.earlierVersionSignedOn {
      notes.append(
        "creed: signed an earlier version on \(on.prefix(10)); you are invited to sign it as it is now")
    }
    for retired in module.retired {
      notes.append("retired (kept): \(describe(retired)), no longer in the course")
    }
    return notes
  }

  static func describe(_ retired: RetiredEntry) -> String {
    func count(_ noun: String) -> String {
      retired.records == 1 ? "1 \(noun)" : "\(retired.records) \(noun)s"
    }
    switch retired.kind {
    case .question: return "question \(retired.id) (\(count("answer")))"
    case .belief: return "statement \(retired.id) (\(count("answer")))"
    case .statement: return "creed statement \(retired.id) (\(count("note")))"
    case .creed: return "creed \(retired.id) (\(count("signature")))"
    }
  }
}
