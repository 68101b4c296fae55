import CourseModel
import Foundation
import LearnerModel

/// An employee's records in one course, indexed for the questions the engine asks:
/// has this item been answered, what is this question's best score, what did they say
/// the last time this statement was asked.
public struct Ledger: Sendable {
  public struct Key: Hashable, Sendable {
    public var module: String
    public var section: String
    public var item: String
  }

  /// Drill scores by item id, oldest first.
  public private(set) var scores: [String: [Double]] = [:]
  /// The latest belief response (or creed note) at each place.
  public private(set) var beliefs: [Key: BeliefResponse] = [:]
  /// Every belief response by item id, oldest first: the pre/post check looks here.
  public private(set) var beliefsByItem: [String: [BeliefResponse]] = [:]
  /// Creed hashes signed, by module and section id.
  public private(set) var signatures: [Key: Set<String>] = [:]
  /// Pages read to their end: module, section and page kind.
  public private(set) var pagesRead: Set<Key> = []
  /// Creed signatures by module and section id, oldest first.
  public private(set) var signatureRecords: [Key: [CreedSignature]] = [:]
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

  public init(_ history: History) {
    for attempt in history.attempts { add(attempt) }
    for response in history.beliefs { add(response) }
    for signature in history.signatures { add(signature) }
    for read in history.pagesRead { add(read) }
  }

  public mutating func add(_ attempt: DrillAttempt) {
    scores[attempt.item.itemID, default: []].append(attempt.score)
    activity.append(Activity(session: attempt.sessionID, at: attempt.at))
  }

  public mutating func add(_ response: BeliefResponse) {
    let ref = response.item
    beliefs[Key(module: ref.moduleID, section: ref.sectionID, item: ref.itemID)] = response
    beliefsByItem[ref.itemID, default: []].append(response)
    activity.append(Activity(session: response.sessionID, at: response.at))
  }

  public mutating func add(_ signature: CreedSignature) {
    let key = Key(module: signature.moduleID, section: signature.sectionID, item: "")
    signatures[key, default: []].insert(signature.creedHash)
    signatureRecords[key, default: []].append(signature)
    activity.append(Activity(session: signature.sessionID, at: signature.at))
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

  /// The signatures of the creed in a section, oldest first.
  public func signatures(module: String, section: String) -> [CreedSignature] {
    signatureRecords[Key(module: module, section: section, item: "")] ?? []
  }

  public func hasSigned(module: String, section: String, hash: String) -> Bool {
    signatures[Key(module: module, section: section, item: "")]?.contains(hash) ?? false
  }
}
