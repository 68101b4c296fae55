import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Review

/// The employee's own view of their progress: what `coach progress` prints.
///
/// Every record is read against the course as it is now, and the report says what a
/// change to the course did to it: answers to an earlier version of a question (kept, no
/// longer counted, asked again), the pass as it was recorded beside the standing against
/// the pass mark now, a creed signed in an earlier version, records of items no longer
/// in the course (retired), and whether a statement asked twice is compared.
public struct ProgressReport: Sendable, Encodable {
  public struct Person: Sendable, Encodable {
    public var id: String
    public var name: String
    public var role: String?

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(name, forKey: .name)
      try container.encode(role, forKey: .role)
    }

    enum CodingKeys: String, CodingKey { case id, name, role }
  }

  public struct CourseEntry: Sendable, Encodable {
    public var id: String
    public var title: String
    /// Whether the course changed since the employee last took it; `nil` when the version
    /// taken is not known (an enrolment stored before coach kept it) or the course was
    /// not found.
    public var changedSinceTaken: Bool?
    public var modules: [ModuleEntry]
    /// Records of modules no longer in the course.
    public var retired: [RetiredEntry]
    /// Statements answered in two places: the first answer and the latest.
    public var beliefChanges: [BeliefChangeEntry]
    /// What is due for review; `nil` when the course was not found.
    public var review: ReviewEntry?

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(title, forKey: .title)
      try container.encode(changedSinceTaken, forKey: .changedSinceTaken)
      try container.encode(modules, forKey: .modules)
      try container.encode(retired, forKey: .retired)
      try container.encode(beliefChanges, forKey: .beliefChanges)
      try container.encode(review, forKey: .review)
    }

    enum CodingKeys: String, CodingKey {
      case id, title, changedSinceTaken, modules, retired, beliefChanges, review
    }
  }

  /// A course's spaced review: what `coach review` would ask now.
  public struct ReviewEntry: Sendable, Encodable {
    /// Questions on the review list (of finished modules, answered at least once).
    public var listed: Int
    /// Questions due now.
    public var due: Int
    /// When the next question that is not due yet falls due (ISO 8601, UTC).
    public var nextDue: String?
    /// The chance of recall at which a question falls due (the desired retention).
    public var retention: Double

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(listed, forKey: .listed)
      try container.encode(due, forKey: .due)
      try container.encode(nextDue, forKey: .nextDue)
      try container.encode(retention, forKey: .retention)
    }

    enum CodingKeys: String, CodingKey { case listed, due, nextDue, retention }
  }

  public struct ModuleEntry: Sendable, Encodable {
    public var id: String
    public var title: String
    public var status: ModuleProgress.Status
    /// The module's drills together.
    public var drill: Drill
    /// Each drill on its own.
    public var drills: [DrillEntry]
    public var beliefs: Beliefs
    public var creed: CreedEntry
    /// Records of this module's items that are no longer in the course.
    public var retired: [RetiredEntry]
    /// The estimated recall today: FSRS's chance of answering right (0...1), averaged
    /// over the module's drill questions answered at least once; `nil` with none.
    public var recall: Double?
    /// The module's questions due for review now (0 until the module is finished).
    public var dueForReview: Int

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(title, forKey: .title)
      try container.encode(status, forKey: .status)
      try container.encode(drill, forKey: .drill)
      try container.encode(drills, forKey: .drills)
      try container.encode(beliefs, forKey: .beliefs)
      try container.encode(creed, forKey: .creed)
      try container.encode(retired, forKey: .retired)
      try container.encode(recall, forKey: .recall)
      try container.encode(dueForReview, forKey: .dueForReview)
    }

    enum CodingKeys: String, CodingKey {
      case id, title, status, drill, drills, beliefs, creed, retired, recall, dueForReview
    }
  }

  public struct Drill: Sendable, Encodable {
    /// 0...1, or `nil` until every question was answered once.
    public var first: Double?
    /// 0...1, or `nil` until every question was answered once.
    public var best: Double?
    /// Rounds taken.
    public var attempts: Int
    /// Questions answered in their current version, of `questions`.
    public var answered: Int
    public var questions: Int

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(first, forKey: .first)
      try container.encode(best, forKey: .best)
      try container.encode(attempts, forKey: .attempts)
      try container.encode(answered, forKey: .answered)
      try container.encode(questions, forKey: .questions)
    }

    enum CodingKeys: String, CodingKey { case first, best, attempts, answered, questions }
  }

  /// How a drill stands against its questions and pass mark as they are now.
  public enum Standing: String, Sendable, Encodable {
    case notStarted = "not-started"
    /// Some questions are still to be answered (new ones, or ones asked again).
    case unfinished
    case belowMark = "below-mark"
    case passed
  }

  public struct DrillEntry: Sendable, Encodable {
    public var id: String
    public var title: String
    /// The pass mark now, in percent.
    public var passMark: Int
    public var questions: Int
    /// Questions answered in their current version.
    public var answered: Int
    /// Against the questions and the pass mark as they are now.
    public var standing: Standing
    /// The drill's score now (mean best), once every question has been answered.
    public var score: Double?
    /// Whether the drill counts as passed: now, or as recorded earlier.
    public var passed: Bool
    /// The pass as recorded, if any.
    public var passedAt: PassEntry?
    /// Questions to answer: new ones and ones asked again.
    public var pending: [String]
    /// Questions whose answers were all given to an earlier version.
    public var askedAgain: [AskedAgainEntry]
    /// Questions answered in other words: the answers still count.
    public var reworded: [String]

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(title, forKey: .title)
      try container.encode(passMark, forKey: .passMark)
      try container.encode(questions, forKey: .questions)
      try container.encode(answered, forKey: .answered)
      try container.encode(standing, forKey: .standing)
      try container.encode(score, forKey: .score)
      try container.encode(passed, forKey: .passed)
      try container.encode(passedAt, forKey: .passedAt)
      try container.encode(pending, forKey: .pending)
      try container.encode(askedAgain, forKey: .askedAgain)
      try container.encode(reworded, forKey: .reworded)
    }

    enum CodingKeys: String, CodingKey {
      case id, title, passMark, questions, answered, standing, score, passed, passedAt, pending, askedAgain,
        reworded
    }
  }

  /// A pass as it was recorded: "passed at 80% on DATE".
  public struct PassEntry: Sendable, Encodable {
    /// The pass mark then; `nil` when not known.
    public var mark: Int?
    /// The score then; `nil` when not known.
    public var score: Double?
    /// When (ISO 8601, UTC).
    public var on: String?
    /// Whether it passed an earlier version of the drill (other questions or answer keys);
    /// `nil` when not known.
    public var earlierVersion: Bool?
    /// `false` for a pass known only from an enrolment completed as passed by a coach
    /// that did not record passes yet.
    public var recorded: Bool

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(mark, forKey: .mark)
      try container.encode(score, forKey: .score)
      try container.encode(on, forKey: .on)
      try container.encode(earlierVersion, forKey: .earlierVersion)
      try container.encode(recorded, forKey: .recorded)
    }

    enum CodingKeys: String, CodingKey { case mark, score, on, earlierVersion, recorded }
  }

  public struct AskedAgainEntry: Sendable, Encodable {
    public var id: String
    /// Answers kept for the earlier version.
    public var answers: Int
    /// `answer-key-changed`, or `changed` for answers stored before coach kept answer keys.
    public var why: AnswerVersion
  }

  public struct Beliefs: Sendable, Encodable {
    public var answered: Int
    public var total: Int
  }

  public struct CreedEntry: Sendable, Encodable {
    /// Whether the creed as it is now is signed.
    public var signed: Bool
    /// Whether the module has a creed at all (the table says "not signed" only then; not
    /// in the JSON).
    public var exists = false
    /// When it was signed as it is now (ISO 8601, UTC).
    public var signedOn: String?
    /// When an earlier version was signed, for a creed not signed as it is now.
    public var earlierVersionSignedOn: String?

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(signed, forKey: .signed)
      try container.encode(signedOn, forKey: .signedOn)
      try container.encode(earlierVersionSignedOn, forKey: .earlierVersionSignedOn)
    }

    enum CodingKeys: String, CodingKey { case signed, signedOn, earlierVersionSignedOn }
  }

  public struct RetiredEntry: Sendable, Encodable {
    public var module: String
    public var section: String
    public var id: String
    public var kind: RetiredRecords.Kind
    /// Records kept: answers, notes or signatures.
    public var records: Int
  }

  public struct BeliefChangeEntry: Sendable, Encodable {
    public struct Answer: Sendable, Encodable {
      public var module: String
      public var point: Int
      public var on: String
    }

    public var id: String
    public var first: Answer
    public var latest: Answer
    /// Whether both were given on the same scale; only then are they compared.
    public var compared: Bool
    /// `latest - first` when compared.
    public var change: Int?

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(first, forKey: .first)
      try container.encode(latest, forKey: .latest)
      try container.encode(compared, forKey: .compared)
      try container.encode(change, forKey: .change)
    }

    enum CodingKeys: String, CodingKey { case id, first, latest, compared, change }
  }

  public var employee: Person
  public var courses: [CourseEntry]

  /// Builds the report from each course and the employee's history in it.
  /// - Parameters:
  ///   - courses: For each enrolled course: its id, the course when it was found, and the
  ///     history.
  ///   - date: The time the report is for: what is due for review, the recall "today".
  ///   - scheduler: The spaced-review scheduler, with its desired retention.
  public init(
    employee: Employee, courses: [(id: String, course: Course?, history: History)], at date: Date,
    scheduler: FSRS = .default
  ) {
    self.employee = Person(id: employee.id.rawValue, name: employee.name, role: employee.role)
    self.courses = courses.map { id, course, history in
      guard let course else {
        return CourseEntry(id: id, title: id, modules: [], retired: [], beliefChanges: [])
      }
      let standing = CourseProgress.Standing(
        plan: CoursePlan(course: course, role: employee.role), history: history)
      let retired = standing.retired()
      let schedule = ReviewSchedule(standing, scheduler: scheduler)
      let due = schedule.due(at: date)
      var entry = CourseEntry(
        id: course.id, title: course.title,
        changedSinceTaken: history.enrolment?.courseVersion.map { $0 != course.contentHash },
        modules: standing.modules().map { module in
          var entry = Self.entry(
            module, retired: retired.filter { !$0.moduleRetired && $0.moduleID == module.id })
          entry.recall = Self.rounded(schedule.recall(module: module.index, at: date))
          entry.dueForReview = due.filter { $0.module == module.index }.count
          return entry
        },
        retired: retired.filter(\.moduleRetired).map(Self.entry), beliefChanges: [])
      entry.beliefChanges = standing.beliefChanges().compactMap(Self.entry)
      entry.review = ReviewEntry(
        listed: schedule.listed.count, due: due.count, nextDue: schedule.nextDue(after: date).map(Self.time),
        retention: scheduler.parameters.desiredRetention)
      return entry
    }
  }

  static func rounded(_ value: Double?) -> Double? { value.map { ($0 * 10_000).rounded() / 10_000 } }

  /// A time as the JSON gives it: ISO 8601 in UTC, to the nearest millisecond. (The
  /// formatter drops what is below a millisecond, so a stored time such as .234, which a
  /// `Date` holds as .23399…, is taken to the middle of its millisecond first.)
  static func time(_ date: Date) -> String {
    let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
    return Date(timeIntervalSince1970: (milliseconds + 0.5) / 1000)
      .formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }

  static func entry(_ module: ModuleProgress, retired: [RetiredRecords]) -> ModuleEntry {
    let drill = module.drill
    return ModuleEntry(
      id: module.id, title: module.title, status: module.status,
      drill: Drill(
        first: rounded(drill?.first), best: rounded(drill?.best), attempts: drill?.rounds ?? 0,
        answered: (drill?.questionCount ?? 0) - (drill?.pending.count ?? 0),
        questions: drill?.questionCount ?? 0),
      drills: module.drills.map(entry),
      beliefs: Beliefs(answered: module.beliefsAnswered, total: module.beliefsTotal),
      creed: CreedEntry(
        signed: module.creedSigned, exists: module.hasCreed, signedOn: module.creed?.signedAt.map(time),
        earlierVersionSignedOn: module.creed?.earlierVersionSignedAt.map(time)),
      retired: retired.map(entry), recall: nil, dueForReview: 0)
  }

  static func entry(_ drill: DrillProgress) -> DrillEntry {
    let standing = drill.standing
    let answered = standing.questionCount - standing.pending.count
    let now: Standing =
      answered == 0
      ? .notStarted : !standing.firstPassDone ? .unfinished : standing.passedNow ? .passed : .belowMark
    return DrillEntry(
      id: drill.sectionID, title: drill.title, passMark: standing.passMark, questions: standing.questionCount,
      answered: answered, standing: now, score: rounded(standing.best), passed: standing.passed,
      passedAt: standing.recordedPass.map { pass in
        PassEntry(
          mark: pass.passMark, score: rounded(pass.score), on: pass.at.map(time),
          earlierVersion: pass.isCurrentVersion.map { !$0 }, recorded: pass.isRecorded)
      },
      pending: drill.pending,
      askedAgain: drill.askedAgain.map {
        AskedAgainEntry(id: $0.itemID, answers: $0.answers, why: $0.version)
      },
      reworded: drill.reworded)
  }

  static func entry(_ retired: RetiredRecords) -> RetiredEntry {
    RetiredEntry(
      module: retired.moduleID, section: retired.sectionID, id: retired.itemID, kind: retired.kind,
      records: retired.records)
  }

  static func entry(_ change: BeliefChange) -> BeliefChangeEntry? {
    guard case .point(let first) = change.first.answer, case .point(let latest) = change.latest.answer else {
      return nil
    }
    func answer(_ response: BeliefResponse, _ point: Int) -> BeliefChangeEntry.Answer {
      .init(module: response.item.moduleID, point: point, on: time(response.at))
    }
    return BeliefChangeEntry(
      id: change.itemID, first: answer(change.first, first), latest: answer(change.latest, latest),
      compared: change.sameScale, change: change.sameScale ? latest - first : nil)
  }

  /// The report as JSON, keys sorted, pretty-printed.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}
