import CourseModel
import Foundation
import LearnerModel

/// An employee's records in one course, indexed for the questions the engine asks:
/// has this item been answered, what is this question's best score, what did they say
/// the last time this statement was asked. Drill answers are compared with the course
/// as it is now, so only the answers that count toward each question are scored.
public struct Ledger: Sendable {
  public struct Key: Hashable, Sendable {
    public var module: String
    public var section: String
    public var item: String
  }

  /// Each question of the course as it is now, by id.
  public let questions: [String: QuestionVersion]
  /// The scale hashes of each belief item of the course, by id, with the content hash each
  /// has now: how the scale of an answer stored without one is found.
  let beliefScales: [String: [(contentHash: String, scaleHash: String)]]
  /// The enrolment, for drills passed before coach kept their passes.
  public let enrolment: Enrolment?

  /// Every drill attempt by item id, oldest first, whichever version it answered.
  public private(set) var attempts: [String: [DrillAttempt]] = [:]
  /// The scores of the drill answers that count toward each question as it is now (see
  /// ``AnswerVersion/counts``), by item id, oldest first. Review answers are not drill
  /// scores: they feed the question's review schedule only (``ReviewSchedule``).
  public private(set) var scores: [String: [Double]] = [:]
  /// The latest belief response (or creed note) at each place.
  public private(set) var beliefs: [Key: BeliefResponse] = [:]
  /// Every belief response by item id, oldest first: the pre/post check looks here.
  public private(set) var beliefsByItem: [String: [BeliefResponse]] = [:]
  /// Creed signatures by module and section id, oldest first.
  public private(set) var signatures: [Key: [CreedSignature]] = [:]
  /// Drill passes by module and section id, oldest first.
  public private(set) var passes: [Key: [DrillPass]] = [:]
  /// Pages read to their end: module, section and page kind.
  public private(set) var pagesRead: Set<Key> = []
  /// When each record was made and in which session: what time spent is counted from.
  public private(set) var activity: [Activity] = []

  /// One record's session and time.
  public struct Activity: Sendable, Hashable {
    public var session: String
    public var at: Date

    public init(session: String, at: Date) {
      self.session = session
      self.at = at
    }
  }

  /// Indexes `history` against `course` as it is now.
  public init(_ history: History, course: Course) {
    var questions: [String: QuestionVersion] = [:]
    var scales: [String: [(contentHash: String, scaleHash: String)]] = [:]
    for section in course.modules.flatMap(\.sections) {
      switch section.content {
      case .drill(_, let items): for question in items { questions[question.id] = QuestionVersion(question) }
      case .beliefs(_, let items):
        for item in items { scales[item.id, default: []].append((item.contentHash, item.scaleHash)) }
      case .lesson, .creed: break
      }
    }
    self.questions = questions
    beliefScales = scales
    enrolment = history.enrolment
    for attempt in history.attempts { add(attempt) }
    for response in history.beliefs { add(response) }
    for signature in history.signatures { add(signature) }
    for pass in history.passes { add(pass) }
    for read in history.pagesRead { add(read) }
  }

  /// How a drill answer compares with its question as it is now.
  public func version(of attempt: DrillAttempt) -> AnswerVersion {
    questions[attempt.item.itemID]?.version(of: attempt) ?? .retired
  }

  public mutating func add(_ attempt: DrillAttempt) {
    attempts[attempt.item.itemID, default: []].append(attempt)
    if attempt.context == .drill && version(of: attempt).counts {
      scores[attempt.item.itemID, default: []].append(attempt.score)
    }
    activity.append(Activity(session: attempt.sessionID, at: attempt.at))
  }

  public mutating func add(_ response: BeliefResponse) {
    let ref = response.item
    beliefs[Key(module: ref.moduleID, section: ref.sectionID, item: ref.itemID)] = response
    beliefsByItem[ref.itemID, default: []].append(response)
    activity.append(Activity(session: response.sessionID, at: response.at))
  }

  public mutating func add(_ signature: CreedSignature) {
    signatures[Key(module: signature.moduleID, section: signature.sectionID, item: ""), default: []]
      .append(signature)
    activity.append(Activity(session: signature.sessionID, at: signature.at))
  }

  public mutating func add(_ pass: DrillPass) {
    passes[Key(module: pass.moduleID, section: pass.sectionID, item: ""), default: []].append(pass)
  }

  /// Adds a page read; `false` when it was read before.
  @discardableResult
  public mutating func add(_ read: PageRead) -> Bool {
    let inserted = pagesRead.insert(
      Key(module: read.moduleID, section: read.sectionID, item: read.page.rawValue)
    ).inserted
    if inserted { activity.append(Activity(session: read.sessionID, at: read.at)) }
    return inserted
  }

  public func hasRead(module: String, section: String, page: PageRead.Page) -> Bool {
    pagesRead.contains(Key(module: module, section: section, item: page.rawValue))
  }

  public func response(module: String, section: String, item: String) -> BeliefResponse? {
    beliefs[Key(module: module, section: section, item: item)]
  }

  /// The signatures of one creed, oldest first, whichever version they signed.
  public func signatures(module: String, section: String) -> [CreedSignature] {
    signatures[Key(module: module, section: section, item: "")] ?? []
  }

  public func hasSigned(module: String, section: String, hash: String) -> Bool {
    signatures(module: module, section: section).contains { $0.creedHash == hash }
  }

  /// The passes of one drill, oldest first, whichever version they passed.
  public func passes(module: String, section: String) -> [DrillPass] {
    passes[Key(module: module, section: section, item: "")] ?? []
  }

  /// The scale a belief answer was given on: the one stored with it, else (for answers
  /// stored before coach kept it) the `Agree` scale, which never changes, or the scale of
  /// the item with the same id whose statement and scale are still as they were then.
  /// `nil` when it cannot be known (the scale or the statement changed since).
  public func scaleHash(of response: BeliefResponse) -> String? {
    if let stored = response.scaleHash { return stored }
    switch response.kind {
    case .agree: return BeliefItem.scaleHash(labels: BeliefItem.agreeLabels)
    case .rate, .rank:
      return beliefScales[response.item.itemID]?.first { $0.contentHash == response.itemHash }?.scaleHash
    case .reflect, .statement: return nil
    }
  }
}
