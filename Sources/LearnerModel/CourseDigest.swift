import Foundation

/// One employee's records in one course, reduced to what the cohort report needs: the
/// drill answers summed per drill (answers to earlier versions of a question do not
/// count), and the small records as they are. No belief answer is in it, only where one
/// was given.
public struct CourseDigest: Sendable, Hashable {
  public var employee: Employee
  public var enrolment: Enrolment?
  /// The time of the latest record in the course: answers to its questions as they are
  /// now (in any version), belief answers and notes, signatures, pages read, the
  /// bookmark's last move.
  public var lastActive: Date?
  /// One per drill of the scope that the employee answered (in any version), in scope order.
  public var drills: [DrillDigest]
  /// Oldest first.
  public var passes: [DrillPass]
  /// Oldest first.
  public var signatures: [CreedSignature]
  /// Where a belief answer or creed note was given (not what it said).
  public var answered: Set<ItemPlace>
  public var pagesRead: [PageRead]
  public var bookmark: Bookmark?
  /// The first drill answer in each drill section (as recorded), any question and
  /// version: kept only when ``needsFirstAnswers`` (a store from before passes were
  /// kept), for drill passes worked out from the completed enrolment.
  public var firstAnswers: [SectionTime]

  public init(
    employee: Employee, enrolment: Enrolment? = nil, lastActive: Date? = nil, drills: [DrillDigest] = [],
    passes: [DrillPass] = [], signatures: [CreedSignature] = [], answered: Set<ItemPlace> = [],
    pagesRead: [PageRead] = [], bookmark: Bookmark? = nil, firstAnswers: [SectionTime] = []
  ) {
    self.employee = employee
    self.enrolment = enrolment
    self.lastActive = lastActive
    self.drills = drills
    self.passes = passes
    self.signatures = signatures
    self.answered = answered
    self.pagesRead = pagesRead
    self.bookmark = bookmark
    self.firstAnswers = firstAnswers
  }
}

/// One drill's answers, summed over its questions as they are now.
public struct DrillDigest: Sendable, Hashable {
  public var moduleID: String
  public var sectionID: String
  /// Questions with an answer that counts.
  public var answered: Int
  /// The sum over those questions of the first answer's score that counts.
  public var firstSum: Double
  /// The sum over those questions of the best score that counts.
  public var bestSum: Double

  public init(moduleID: String, sectionID: String, answered: Int, firstSum: Double, bestSum: Double) {
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.answered = answered
    self.firstSum = firstSum
    self.bestSum = bestSum
  }
}

/// A place in a course where an item is answered.
public struct ItemPlace: Sendable, Hashable, Codable {
  public var moduleID: String
  public var sectionID: String
  public var itemID: String

  public init(moduleID: String, sectionID: String, itemID: String) {
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.itemID = itemID
  }
}

/// A time in one section.
public struct SectionTime: Sendable, Hashable, Codable {
  public var moduleID: String
  public var sectionID: String
  public var at: Date

  public init(moduleID: String, sectionID: String, at: Date) {
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.at = at
  }
}

extension CourseDigest {
  /// The digest of a full history: what every store's ``ProgressStore/courseDigests(_:_:)``
  /// returns, however it computes it.
  public init(employee: Employee, history: History, scope: ReportScope) {
    self.init(employee: employee, enrolment: history.enrolment)
    var byItem: [String: [DrillAttempt]] = [:]
    for attempt in history.attempts { byItem[attempt.item.itemID, default: []].append(attempt) }
    for question in scope.questions {
      guard let attempts = byItem[question.itemID], !attempts.isEmpty else { continue }
      let counted = attempts.filter(question.counts).map(\.score)
      if let index = drills.firstIndex(where: {
        $0.moduleID == question.moduleID && $0.sectionID == question.sectionID
      }) {
        drills[index].add(counted)
      } else {
        var drill = DrillDigest(
          moduleID: question.moduleID, sectionID: question.sectionID, answered: 0, firstSum: 0, bestSum: 0)
        drill.add(counted)
        drills.append(drill)
      }
    }
    passes = history.passes
    signatures = history.signatures
    answered = Set(
      history.beliefs.map {
        ItemPlace(moduleID: $0.item.moduleID, sectionID: $0.item.sectionID, itemID: $0.item.itemID)
      })
    pagesRead = history.pagesRead
    bookmark = history.bookmark
    let asked = Set(scope.questions.map(\.itemID))
    let times =
      history.attempts.filter { asked.contains($0.item.itemID) }.map(\.at) + history.beliefs.map(\.at)
      + history.signatures.map(\.at)
      + history.pagesRead.map(\.at) + (history.bookmark.map { [$0.updated] } ?? [])
    lastActive = times.max()
    if needsFirstAnswers {
      var first: [String: SectionTime] = [:]
      for attempt in history.attempts {
        let key = attempt.item.moduleID + "\u{1F}" + attempt.item.sectionID
        if first[key].map({ $0.at > attempt.at }) ?? true {
          first[key] = SectionTime(
            moduleID: attempt.item.moduleID, sectionID: attempt.item.sectionID, at: attempt.at)
        }
      }
      firstAnswers = first.values.sorted { ($0.moduleID, $0.sectionID) < ($1.moduleID, $1.sectionID) }
    }
  }
}

extension CourseDigest {
  /// Whether the enrolment was completed as passed and a drill answered has no recorded
  /// pass: only then are ``firstAnswers`` kept (every store decides it this way).
  public var needsFirstAnswers: Bool {
    guard let enrolment, enrolment.passed, enrolment.completed != nil else { return false }
    return drills.contains { drill in
      !passes.contains { $0.moduleID == drill.moduleID && $0.sectionID == drill.sectionID }
    }
  }
}

extension DrillDigest {
  /// Adds one question's scores that count, oldest first.
  mutating func add(_ scores: [Double]) {
    guard let first = scores.first else { return }
    answered += 1
    firstSum += first
    bestSum += scores.max() ?? first
  }
}
