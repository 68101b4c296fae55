import CourseModel
import CourseProgress
import Foundation
import LearnerModel

/// Turns one employee's records in a course into xAPI statements: one per recorded
/// event (an enrolment, a page read, a drill answer, a drill pass, a belief answer, a
/// creed note or signature, a course completed), plus the events the records imply (a
/// drill round finished below its pass mark, a module finished).
///
/// Everything is read against the course as it is now. A record of an earlier version
/// of an item, or of an item no longer in the course, keeps its statement, without the
/// item's definition (see ``Vocabulary/answerVersion``). Statement ids are name-based
/// UUIDs of the record, so the same records always give the same ids.
public struct StatementBuilder: Sendable {
  public let course: Course
  public let settings: XAPISettings
  let iri: ActivityIRI
  let places: Places

  public init(course: Course, settings: XAPISettings) {
    self.course = course
    self.settings = settings
    iri = ActivityIRI(base: settings.activityBase, courseID: course.id)
    places = Places(course)
  }

  /// Every statement of `learner`'s records, oldest first.
  public func statements(for learner: Learner, history: History) -> [Statement] {
    let maker = Maker(builder: self, learner: learner, history: history)
    var statements: [Statement] = []
    if let enrolment = history.enrolment {
      statements.append(maker.registered(enrolment))
      if enrolment.completed != nil { statements.append(maker.courseCompleted(enrolment)) }
    }
    statements += history.pagesRead.map(maker.pageRead)
    let ledger = Ledger(history, course: course)
    statements += history.attempts.map { maker.answer($0, version: ledger.version(of: $0)) }
    statements += history.passes.map(maker.drillPassed)
    statements += maker.drillsFailed(ledger: ledger)
    var ordinals: [String: Int] = [:]
    for response in history.beliefs {
      let key =
        "\(response.item.moduleID)\n\(response.item.sectionID)\n\(response.item.itemID)\n\(response.at)"
      let ordinal = ordinals[key, default: 0]
      ordinals[key] = ordinal + 1
      statements.append(maker.belief(response, ordinal: ordinal, ledger: ledger))
    }
    statements += history.signatures.map(maker.creedSigned)
    statements += maker.modulesCompleted()
    let order = Dictionary(uniqueKeysWithValues: Statement.Kind.allCases.enumerated().map { ($1, $0) })
    return statements.sorted {
      ($0.timestamp, order[$0.kind]!, $0.id.uuidString) < ($1.timestamp, order[$1.kind]!, $1.id.uuidString)
    }
  }

  /// The registration of an employee's enrolment in the course: one UUID per enrolment.
  public func registration(for learner: Learner, enrolment: Enrolment?) -> UUID {
    let started = enrolment.map { "\(Self.milliseconds($0.started))" } ?? "none"
    return NameUUID.v5(
      ["coach/xapi/1", "registration", settings.homePage, course.id, learner.id.rawValue, started]
        .joined(separator: "\n"))
  }

  static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

/// Where each item of the course is, by module, section and item id.
struct Places: Sendable {
  struct Key: Hashable, Sendable {
    var module: String
    var section: String
  }

  var modules: [String: Module] = [:]
  var sections: [Key: Section] = [:]
  /// The places each belief id is asked at, in course order.
  var beliefPlaces: [String: [Key]] = [:]

  init(_ course: Course) {
    for module in course.modules {
      modules[module.id] = module
      for section in module.sections {
        let key = Key(module: module.id, section: section.id)
        sections[key] = section
        if case .beliefs(_, let items) = section.content {
          for item in items { beliefPlaces[item.id, default: []].append(key) }
        }
      }
    }
  }

  func section(_ module: String, _ section: String) -> Section? {
    sections[Key(module: module, section: section)]
  }

  func question(_ ref: ItemRef) -> Question? {
    guard case .drill(_, let questions)? = section(ref.moduleID, ref.sectionID)?.content else { return nil }
    return questions.first { $0.id == ref.itemID }
  }

  func belief(_ ref: ItemRef) -> BeliefItem? {
    guard case .beliefs(_, let items)? = section(ref.moduleID, ref.sectionID)?.content else { return nil }
    return items.first { $0.id == ref.itemID }
  }

  func creed(_ module: String, _ section: String) -> Creed? {
    guard case .creed(let creed)? = self.section(module, section)?.content else { return nil }
    return creed
  }

  /// `pre` for the first place a repeated belief statement is asked, `post` for a later
  /// one; `nil` for a statement asked once, or at a place no longer in the course.
  func phase(_ ref: ItemRef) -> String? {
    guard let keys = beliefPlaces[ref.itemID], keys.count > 1,
      let index = keys.firstIndex(of: Key(module: ref.moduleID, section: ref.sectionID))
    else { return nil }
    return index == 0 ? "pre" : "post"
  }
}
