import CourseModel
import Foundation
import LearnerModel

/// One drill of a module: how it stands and how its recorded answers compare with its
/// questions as they are now.
public struct DrillProgress: Sendable, Hashable {
  public var sectionID: String
  public var title: String
  public var standing: DrillStanding
  /// The ids of questions with no answer that counts, in order: new questions, and ones
  /// asked again because they changed.
  public var pending: [String]
  /// Questions whose recorded answers were all given to an earlier version, with how many
  /// answers and why; they are asked again.
  public var askedAgain: [EarlierAnswers]
  /// Questions answered in other words (their prompt changed, their key did not): the
  /// answers still count.
  public var reworded: [String]
}

/// The answers kept for an earlier version of a question.
public struct EarlierAnswers: Sendable, Hashable {
  public var itemID: String
  public var answers: Int
  /// ``AnswerVersion/earlierKey`` or ``AnswerVersion/earlierVersion``.
  public var version: AnswerVersion

  public init(itemID: String, answers: Int, version: AnswerVersion) {
    self.itemID = itemID
    self.answers = answers
    self.version = version
  }
}

/// Records of an item or a creed that is no longer in the course: kept, shown as retired.
public struct RetiredRecords: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, Codable {
    case question, belief, statement, creed
  }

  public var moduleID: String
  public var sectionID: String
  /// The item's id; for a creed, its section id.
  public var itemID: String
  public var kind: Kind
  /// How many records are kept: answers, notes or signatures.
  public var records: Int
  /// Whether the whole module is gone.
  public var moduleRetired: Bool
}

/// A belief statement asked more than once, in two places: the first answer and the
/// latest one given elsewhere, compared only when both were given on the same scale.
public struct BeliefChange: Sendable, Hashable {
  public var itemID: String
  public var first: BeliefResponse
  public var latest: BeliefResponse
  /// Whether the two answers were given on the same scale, so that they compare.
  public var sameScale: Bool
}

/// How one module's creeds stand.
public struct CreedStanding: Sendable, Hashable {
  /// When the creed as it is now was signed; `nil` while it is not.
  public var signedAt: Date?
  /// When an earlier version was last signed, for a creed not signed as it is now.
  public var earlierVersionSignedAt: Date?

  public init(signedAt: Date?, earlierVersionSignedAt: Date?) {
    self.signedAt = signedAt
    self.earlierVersionSignedAt = earlierVersionSignedAt
  }
}

extension Standing {
  /// Every drill of module `m`, in order.
  public func drills(_ m: Int) -> [DrillProgress] {
    let module = plan.course.modules[m]
    return module.sections.compactMap { section in
      guard case .drill(_, let questions) = section.content else { return nil }
      let standing = Self.standing(
        of: questions, pass: module.pass, ledger: ledger, drill: (module.id, section.id))
      var askedAgain: [EarlierAnswers] = []
      var reworded: [String] = []
      for question in questions {
        let attempts = ledger.attempts[question.id] ?? []
        let versions = attempts.map(ledger.version(of:))
        if versions.contains(.reworded) { reworded.append(question.id) }
        if !attempts.isEmpty && !versions.contains(where: \.counts) {
          let version: AnswerVersion = versions.contains(.earlierKey) ? .earlierKey : .earlierVersion
          askedAgain.append(EarlierAnswers(itemID: question.id, answers: attempts.count, version: version))
        }
      }
      return DrillProgress(
        sectionID: section.id, title: section.title, standing: standing,
        pending: standing.pending.map { questions[$0].id }, askedAgain: askedAgain, reworded: reworded)
    }
  }

  /// How module `m`'s creeds stand; `nil` for a module without one.
  public func creed(_ m: Int) -> CreedStanding? {
    let module = plan.course.modules[m]
    var signedAt: [Date] = []
    var earlier: [Date] = []
    var unsigned = false
    for section in module.sections {
      guard case .creed(let creed) = section.content else { continue }
      let signatures = ledger.signatures(module: module.id, section: section.id)
      if let current = signatures.last(where: { $0.creedHash == creed.contentHash }) {
        signedAt.append(current.at)
      } else {
        unsigned = true
        if let last = signatures.last { earlier.append(last.at) }
      }
    }
    if signedAt.isEmpty && earlier.isEmpty && !unsigned { return nil }
    return CreedStanding(
      signedAt: unsigned ? nil : signedAt.max(), earlierVersionSignedAt: unsigned ? earlier.max() : nil)
  }

  /// Records of items, creeds and modules no longer in the course: drill answers first,
  /// then belief answers and notes, then signatures, each in the order first recorded.
  public func retired() -> [RetiredRecords] {
    let course = plan.course
    let modules = Set(course.modules.map(\.id))
    // Drill answers follow their question's id wherever it moves in the course; belief
    // answers and creed notes belong to their place (module, section and item).
    var places = Set<Ledger.Key>()
    var creeds = Set<Ledger.Key>()
    for module in course.modules {
      for section in module.sections {
        let ids: [String]
        switch section.content {
        case .beliefs(_, let items): ids = items.map(\.id)
        case .creed(let creed):
          ids = creed.statements.map(\.id)
          creeds.insert(Ledger.Key(module: module.id, section: section.id, item: ""))
        case .drill, .lesson: ids = []
        }
        for id in ids { places.insert(Ledger.Key(module: module.id, section: section.id, item: id)) }
      }
    }
    var order: [RetiredRecords] = []
    var index: [Ledger.Key: Int] = [:]
    func note(_ module: String, _ section: String, _ item: String, _ kind: RetiredRecords.Kind) {
      let key = Ledger.Key(module: module, section: section, item: kind.rawValue + ":" + item)
      if let at = index[key] {
        order[at].records += 1
      } else {
        index[key] = order.count
        order.append(
          RetiredRecords(
            moduleID: module, sectionID: section, itemID: item, kind: kind, records: 1,
            moduleRetired: !modules.contains(module)))
      }
    }
    func rank(_ a: ItemRef, _ at: Date) -> (Date, String, String, String) {
      (at, a.moduleID, a.sectionID, a.itemID)
    }
    let attempts = ledger.attempts.values.flatMap { $0 }.sorted {
      rank($0.item, $0.at) < rank($1.item, $1.at)
    }
    for attempt in attempts {
      let ref = attempt.item
      if ledger.questions[ref.itemID] == nil { note(ref.moduleID, ref.sectionID, ref.itemID, .question) }
    }
    let responses = ledger.beliefsByItem.values.flatMap { $0 }.sorted {
      rank($0.item, $0.at) < rank($1.item, $1.at)
    }
    for response in responses {
      let ref = response.item
      if !places.contains(Ledger.Key(module: ref.moduleID, section: ref.sectionID, item: ref.itemID)) {
        note(ref.moduleID, ref.sectionID, ref.itemID, response.kind == .statement ? .statement : .belief)
      }
    }
    for (key, signatures) in ledger.signatures.sorted(by: {
      ($0.value[0].at, $0.key.module, $0.key.section) < ($1.value[0].at, $1.key.module, $1.key.section)
    })
    where !creeds.contains(key) {
      for _ in signatures { note(key.module, key.section, key.section, .creed) }
    }
    return order
  }

  /// Each belief statement answered with a point in two places or more: its first answer
  /// and the latest given elsewhere (the pre/post check).
  public func beliefChanges() -> [BeliefChange] {
    var changes: [BeliefChange] = []
    for (id, responses) in ledger.beliefsByItem {
      let points = responses.filter { if case .point = $0.answer { true } else { false } }
      guard let first = points.first,
        let latest = points.last(where: {
          $0.item.moduleID != first.item.moduleID || $0.item.sectionID != first.item.sectionID
        })
      else { continue }
      changes.append(
        BeliefChange(itemID: id, first: first, latest: latest, sameScale: ledger.sameScale(first, latest)))
    }
    return changes.sorted { ($0.first.at, $0.itemID) < ($1.first.at, $1.itemID) }
  }
}

extension Ledger {
  /// Whether two belief answers were given on the same scale (both scales known and equal).
  public func sameScale(_ a: BeliefResponse, _ b: BeliefResponse) -> Bool {
    guard let first = scaleHash(of: a), let second = scaleHash(of: b) else { return false }
    return first == second
  }
}
