import CourseModel
import CourseProgress
import Foundation
import LearnerModel

/// Builds the statements of one learner's records: the parts every statement shares.
struct Maker {
  let builder: StatementBuilder
  let learner: Learner
  let history: History
  let actor: Agent
  let registration: String

  init(builder: StatementBuilder, learner: Learner, history: History) {
    self.builder = builder
    self.learner = learner
    self.history = history
    let settings = builder.settings
    let name = settings.includeNames && !learner.name.isEmpty ? learner.name : nil
    if settings.identity == .email, let email = learner.email, !email.isEmpty {
      actor = Agent(name: name, mbox: "mailto:\(email)")
    } else {
      actor = Agent(
        name: name, account: Agent.Account(homePage: settings.homePage, name: learner.id.rawValue))
    }
    registration = builder.registration(for: learner, enrolment: history.enrolment).uuidString.lowercased()
  }

  var iri: ActivityIRI { builder.iri }
  var places: Places { builder.places }
  var language: String { builder.settings.language }

  /// A statement. Its id is the version-5 UUID of its kind, the home page, the course,
  /// the employee and `identity` (what makes the record it comes from unique).
  func statement(
    _ kind: Statement.Kind, identity: [String], verb: Verb, object: Activity, result: Result? = nil,
    parents: [Activity] = [], grouping: [Activity] = [], revision: String? = nil,
    extensions: [String: ExtensionValue] = [:], at date: Date
  ) -> Statement {
    let name =
      ["coach/xapi/1", kind.rawValue, builder.settings.homePage, builder.course.id, learner.id.rawValue]
      + identity
    let activities =
      parents.isEmpty && grouping.isEmpty
      ? nil
      : Context.Activities(
        parent: parents.isEmpty ? nil : parents, grouping: grouping.isEmpty ? nil : grouping)
    return Statement(
      id: NameUUID.v5(name.joined(separator: "\n")), actor: actor, verb: verb, object: object, result: result,
      context: Context(
        registration: registration, contextActivities: activities, revision: revision, platform: "coach",
        language: language, extensions: extensions.isEmpty ? nil : extensions),
      timestamp: Timestamp.iso8601(date), kind: kind)
  }

  static func ms(_ date: Date) -> String { "\(StatementBuilder.milliseconds(date))" }

  // MARK: - Activities

  var courseActivity: Activity {
    Activity(
      id: iri.course,
      definition: Definition(name: [language: builder.course.title], type: ActivityTypes.course))
  }

  func moduleActivity(_ id: String) -> Activity {
    Activity(
      id: iri.module(id),
      definition: places.modules[id].map {
        Definition(name: [language: $0.title], type: ActivityTypes.module)
      })
  }

  func sectionActivity(_ module: String, _ section: String) -> Activity {
    let definition = places.section(module, section).map { found -> Definition in
      let type: String
      switch found.kind {
      case .lesson: type = ActivityTypes.lesson
      case .drill: type = ActivityTypes.assessment
      case .beliefs: type = ActivityTypes.beliefs
      case .creed: type = ActivityTypes.creed
      }
      return Definition(name: [language: found.title], type: type)
    }
    return Activity(id: iri.section(module, section), definition: definition)
  }

  /// The context of an item: its section, then its module and the course.
  func itemContext(_ ref: ItemRef) -> (parents: [Activity], grouping: [Activity]) {
    ([sectionActivity(ref.moduleID, ref.sectionID)], [moduleActivity(ref.moduleID), courseActivity])
  }

  static func rounded(_ value: Double, _ places: Double) -> Double {
    let scale = pow(10, places)
    return (value * scale).rounded() / scale
  }
}
