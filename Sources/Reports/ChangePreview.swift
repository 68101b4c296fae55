import CourseModel
import CourseProgress
import Foundation
import LearnerModel

/// What a course as it is now does to the records already kept: for each changed
/// question, statement, creed or pass mark, how many employees' records it touches and
/// how (COURSE_FORMAT.md, "When a course changes"). `coach check --store` prints it
/// before a trainer ships a change.
public struct ChangePreview: Sendable {
  /// One change and its effect on the records.
  public struct Change: Sendable, Hashable, CustomStringConvertible {
    /// What changed: "question refund-limit", "creed 'Our creed' (module closing)".
    public var subject: String
    /// How many employees' records it touches.
    public var employees: Int
    /// The sentence: "question refund-limit: answer key changed; 3 employees answered the
    /// earlier version and will be asked again".
    public var description: String
  }

  public let courseID: String
  public let title: String
  /// Employees with an enrolment or a record in the course.
  public let employees: Int
  /// In course order: questions, statements and creeds by where they stand, then what is
  /// no longer in the course.
  public let changes: [Change]

  /// Compares every employee's history with `course` as it is now.
  public init(course: Course, records: [(employee: Employee, history: History)]) {
    courseID = course.id
    title = course.title
    let kept = records.filter { !$0.history.isEmpty }
    employees = kept.count
    let standings = kept.map {
      Standing(plan: CoursePlan(course: course, role: $0.employee.role), history: $0.history)
    }
    var tally = Tally()
    for standing in standings { tally.add(standing) }
    changes = tally.changes(course)
  }

  /// The preview as lines for a terminal: a heading, then one line per change.
  public var text: String {
    let who = Self.count(employees, "employee")
    var lines = ["\(courseID) (\(title)): \(who) with records in the progress store"]
    if changes.isEmpty {
      lines.append(
        employees == 0
          ? "  nobody has taken this course yet: any change is safe"
          : "  no change to the course touches their records")
    }
    lines += changes.map { "  \($0)" }
    return lines.joined(separator: "\n")
  }

  /// "1 employee", "3 employees".
  static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

  /// "1 employee's", "3 employees'".
  static func possessive(_ n: Int) -> String { n == 1 ? "1 employee's" : "\(n) employees'" }
}

extension History {
  /// Whether nothing at all is recorded.
  var isEmpty: Bool {
    enrolment == nil && attempts.isEmpty && beliefs.isEmpty && signatures.isEmpty && pagesRead.isEmpty
      && bookmark == nil
  }
}

/// Counts, change by change, the employees whose records a change touches.
private struct Tally {
  /// Employees counted under each key, in the order keys were first seen.
  var counts: [String: Int] = [:]
  /// Earlier pass marks by drill key.
  var earlierMarks: [String: [Int: (passed: Int, below: Int)]] = [:]
  var retired:
    [String: (kind: RetiredRecords.Kind, module: String, id: String, moduleRetired: Bool, count: Int)] = [:]
  var retiredOrder: [String] = []

  mutating func bump(_ key: String) { counts[key, default: 0] += 1 }

  mutating func add(_ standing: Standing) {
    let course = standing.plan.course
    let ledger = standing.ledger
    for (m, module) in course.modules.enumerated() {
      for drill in standing.drills(m) {
        let drillKey = "drill \(module.id)/\(drill.sectionID)"
        var keyChanged = Set<String>()
        for again in drill.askedAgain {
          keyChanged.insert(again.itemID)
          bump("\(again.version == .earlierKey ? "key" : "changed") \(again.itemID)")
        }
        for id in drill.reworded { bump("reworded \(id)") }
        // A question never answered in a drill that counts as passed: new since the pass.
        if drill.standing.recordedPass != nil {
          for id in drill.pending where !keyChanged.contains(id) && (ledger.attempts[id] ?? []).isEmpty {
            bump("new \(id)")
          }
        }
        if let pass = drill.standing.recordedPass, let mark = pass.passMark, mark != drill.standing.passMark {
          var marks = earlierMarks[drillKey] ?? [:]
          var entry = marks[mark] ?? (0, 0)
          entry.passed += 1
          if !drill.standing.passedNow { entry.below += 1 }
          marks[mark] = entry
          earlierMarks[drillKey] = marks
        }
      }
      for section in module.sections {
        switch section.content {
        case .beliefs(_, let items):
          for item in items {
            guard let response = ledger.response(module: module.id, section: section.id, item: item.id),
              response.itemHash != item.contentHash
            else { continue }
            let scale = ledger.scaleHash(of: response)
            bump(
              "\(scale == item.scaleHash ? "wording" : scale == nil ? "statement" : "scale") \(module.id)/\(section.id)/\(item.id)"
            )
          }
        case .creed(let creed):
          let signatures = ledger.signatures(module: module.id, section: section.id)
          if !signatures.isEmpty && !signatures.contains(where: { $0.creedHash == creed.contentHash }) {
            bump("creed \(module.id)/\(section.id)")
          }
        case .drill, .lesson: break
        }
      }
    }
    var seen = Set<String>()
    for record in standing.retired() {
      let key =
        record.moduleRetired
        ? "module \(record.moduleID)" : "\(record.kind.rawValue) \(record.moduleID)/\(record.itemID)"
      guard seen.insert(key).inserted else { continue }
      if var entry = retired[key] {
        entry.count += 1
        retired[key] = entry
      } else {
        retired[key] = (record.kind, record.moduleID, record.itemID, record.moduleRetired, 1)
        retiredOrder.append(key)
      }
    }
  }

  func changes(_ course: Course) -> [ChangePreview.Change] {
    typealias Change = ChangePreview.Change
    let count = ChangePreview.count
    let possessive = ChangePreview.possessive
    var out: [Change] = []
    func add(_ subject: String, _ n: Int?, _ sentence: (Int) -> String) {
      guard let n, n > 0 else { return }
      out.append(Change(subject: subject, employees: n, description: "\(subject): \(sentence(n))"))
    }
    for module in course.modules {
      for section in module.sections {
        switch section.content {
        case .drill(_, let questions):
          for question in questions {
            let subject = "question \(question.id)"
            add(subject, counts["key \(question.id)"]) {
              "answer key changed; \(count($0, "employee")) answered the earlier version and will be asked again"
            }
            add(subject, counts["changed \(question.id)"]) {
              "changed since \(count($0, "employee")) answered it (answers kept by an earlier coach cannot "
                + "tell new wording from a new answer key); they will be asked again"
            }
            add(subject, counts["new \(question.id)"]) {
              "new in drill '\(section.title)'; \(count($0, "employee")) who passed the drill will be asked it, "
                + "and their pass stands"
            }
            add(subject, counts["reworded \(question.id)"]) {
              "wording changed; \(possessive($0)) answers still count"
            }
          }
          let marks = earlierMarks["drill \(module.id)/\(section.id)"] ?? [:]
          for (mark, entry) in marks.sorted(by: { $0.key < $1.key }) {
            add("drill '\(section.title)' (module \(module.id))", entry.passed) {
              "pass mark changed to \(module.pass)%; the pass at \(mark)% stands for \(count($0, "employee")) "
                + "(\(entry.below) below \(module.pass)% now)"
            }
          }
        case .beliefs(_, let items):
          for item in items {
            let key = "\(module.id)/\(section.id)/\(item.id)"
            let subject = "statement \(item.id) (module \(module.id))"
            add(subject, counts["wording \(key)"]) { "wording changed; \(possessive($0)) answers are kept" }
            add(subject, counts["scale \(key)"]) {
              "scale changed; \(possessive($0)) answers are kept and are not compared with answers on the new scale"
            }
            add(subject, counts["statement \(key)"]) {
              "changed since \(count($0, "employee")) answered it; their answers are kept (before and after are "
                + "compared only where the scale is known to be the same)"
            }
          }
        case .creed:
          add("creed '\(section.title)' (module \(module.id))", counts["creed \(module.id)/\(section.id)"]) {
            "text changed; \(count($0, "employee")) signed an earlier version and will be invited, not required, "
              + "to sign it again"
          }
        case .lesson: break
        }
      }
    }
    for key in retiredOrder {
      guard let entry = retired[key] else { continue }
      let what: String
      switch entry.kind {
      case .question: what = "question \(entry.id)"
      case .belief: what = "statement \(entry.id) (module \(entry.module))"
      case .statement: what = "creed statement \(entry.id) (module \(entry.module))"
      case .creed: what = "creed \(entry.id) (module \(entry.module))"
      }
      let subject = entry.moduleRetired ? "module \(entry.module)" : what
      add(subject, entry.count) {
        "no longer in the course (removed, or its id changed); \(possessive($0)) records are kept and shown as retired"
      }
    }
    return out
  }
}
