import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel

/// Records built by hand against the fixture course, as a session would have made them.
enum Records {
  static let employee = Fixture.employee()
  static let start = Date(timeIntervalSince1970: 1_800_000_000)

  static func questions(_ course: Course, drill: String = "check") -> [Question] {
    for section in course.modules.flatMap(\.sections) where section.id == drill {
      if case .drill(_, let questions) = section.content { return questions }
    }
    return []
  }

  /// An answer to `question` in the basics drill, with its hashes as the question is.
  static func answer(
    _ question: Question, score: Double = 1, at: Date = start, keyed: Bool = true, module: String = "basics",
    section: String = "check"
  ) -> DrillAttempt {
    DrillAttempt(
      employee: employee.id,
      item: ItemRef(courseID: "service", moduleID: module, sectionID: section, itemID: question.id),
      itemHash: question.contentHash, keyHash: keyed ? question.answerKeyHash : nil, response: "r",
      score: score, correct: score == 1, sessionID: "s", at: at)
  }

  static func pass(_ questions: [Question], mark: Int = 80, score: Double = 1, at: Date = start) -> DrillPass
  {
    DrillPass(
      employee: employee.id, courseID: "service", moduleID: "basics", sectionID: "check",
      drillHash: ContentHash.drill(questions), passMark: mark, score: score, sessionID: "s", at: at)
  }

  /// The basics module done: its pages read, its drill answered right, once each, and
  /// passed as `course` is, and its beliefs answered.
  static func passedDrill(_ course: Course, keyed: Bool = true, recordPass: Bool = true) -> History {
    let questions = questions(course)
    return History(
      attempts: questions.map { answer($0, keyed: keyed) }, beliefs: beliefs(course),
      passes: recordPass ? [pass(questions)] : [], pagesRead: pagesRead(course))
  }

  /// Every page of module `m` (the basics module at first, with the course introduction)
  /// read: a page is read only when it was read, so a finished module needs them.
  static func pagesRead(_ course: Course, module m: Int = 0, role: String = "frontline") -> [PageRead] {
    let plan = CoursePlan(course: course, role: role)
    return plan.moduleSteps[m].compactMap { index in
      plan.pageKey(index).map { key in
        PageRead(
          employee: employee.id, courseID: "service", moduleID: key.module, sectionID: key.section,
          page: key.page, sessionID: "s", at: start)
      }
    }
  }

  /// An answer to each belief item of the basics module.
  static func beliefs(_ course: Course) -> [BeliefResponse] {
    guard
      case .beliefs(_, let items)? = course.modules.first?.sections.first(where: { $0.id == "start" })?
        .content
    else { return [] }
    return items.map { item in
      BeliefResponse(
        employee: employee.id,
        item: ItemRef(courseID: "service", moduleID: "basics", sectionID: "start", itemID: item.id),
        kind: BeliefResponse.Kind(rawValue: item.kind.rawValue)!, itemHash: item.contentHash,
        scaleHash: item.scaleHash, answer: item.kind == .reflect ? .text("t") : .point(3), sessionID: "s",
        at: start)
    }
  }

  static func standing(_ course: Course, _ history: History, role: String = "frontline") -> Standing {
    Standing(plan: CoursePlan(course: course, role: role), history: history)
  }
}
