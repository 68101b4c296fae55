import Foundation

/// An employee id: the employee number or login.
///
/// Letters, digits, `.`, `_`, `-` and `@`, 1 to 128 characters.
public struct EmployeeID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public let rawValue: String

  /// Validates an id.
  /// - Throws: ``ProgressStoreError/invalidEmployeeID(_:reason:)`` naming the offending character.
  public init(_ rawValue: String) throws(ProgressStoreError) {
    if rawValue.isEmpty {
      throw .invalidEmployeeID(rawValue, reason: "an employee id cannot be empty")
    }
    if rawValue.count > 128 {
      throw .invalidEmployeeID(rawValue, reason: "an employee id has at most 128 characters")
    }
    if let bad = rawValue.unicodeScalars.first(where: { !Self.allowed($0) }) {
      let shown =
        bad.properties.generalCategory == .control || bad == " "
        ? "U+" + String(bad.value, radix: 16, uppercase: true) : "'\(bad)'"
      throw .invalidEmployeeID(
        rawValue, reason: "\(shown) is not allowed; use letters, digits, '.', '_', '-' and '@'")
    }
    self.rawValue = rawValue
  }

  private static func allowed(_ s: Unicode.Scalar) -> Bool {
    switch s {
    case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", "@": true
    default: false
    }
  }

  public var description: String { rawValue }
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Someone who takes courses.
public struct Employee: Sendable, Hashable, Codable {
  public var id: EmployeeID
  public var name: String
  public var role: String?
  public var cohort: String?
  public var created: Date

  public init(
    id: EmployeeID, name: String, role: String? = nil, cohort: String? = nil, created: Date = Date()
  ) {
    self.id = id
    self.name = name
    self.role = role
    self.cohort = cohort
    self.created = created
  }
}

/// An employee's enrolment in a course.
public struct Enrolment: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var courseID: String
  public var started: Date
  public var completed: Date?
  public var passed: Bool
  /// The folder the course was last taken from, so that reports can read it again.
  public var source: String?

  public init(
    employee: EmployeeID, courseID: String, started: Date, completed: Date? = nil, passed: Bool = false,
    source: String? = nil
  ) {
    self.employee = employee
    self.courseID = courseID
    self.started = started
    self.completed = completed
    self.passed = passed
    self.source = source
  }
}

/// Where an item sits in a course.
public struct ItemRef: Sendable, Hashable, Codable {
  public var courseID: String
  public var moduleID: String
  public var sectionID: String
  public var itemID: String

  public init(courseID: String, moduleID: String, sectionID: String, itemID: String) {
    self.courseID = courseID
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.itemID = itemID
  }
}

/// One answer to a drill question. Attempts are append-only.
public struct DrillAttempt: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var item: ItemRef
  /// ``CourseModel/Question/contentHash`` when the answer was given.
  public var itemHash: String
  /// The response as the learner gave it.
  public var response: String
  /// 0...1; partial credit for select-all, order and match questions.
  public var score: Double
  public var correct: Bool
  /// 1-based; filled in by the store.
  public var attempt: Int
  public var sessionID: String
  public var at: Date

  public init(
    employee: EmployeeID, item: ItemRef, itemHash: String, response: String, score: Double,
    correct: Bool, attempt: Int = 0, sessionID: String, at: Date = Date()
  ) {
    self.employee = employee
    self.item = item
    self.itemHash = itemHash
    self.response = response
    self.score = score
    self.correct = correct
    self.attempt = attempt
    self.sessionID = sessionID
    self.at = at
  }
}

/// What a learner gave for a belief item. There is no score and no right answer.
public enum BeliefAnswer: Sendable, Hashable, Codable {
  /// A point on an agree or rate scale, 1-based.
  case point(Int)
  /// A reflection, or a note on a creed statement.
  case text(String)
  /// A ranking: the item texts in the learner's order.
  case order([String])
}

/// One belief response. Kept in its own table with no score or correctness at all.
public struct BeliefResponse: Sendable, Hashable, Codable {
  /// The kinds of belief response: the four belief items and a creed statement's note.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    case agree, rate, reflect, rank, statement
  }

  public var employee: EmployeeID
  public var item: ItemRef
  public var kind: Kind
  public var itemHash: String
  public var answer: BeliefAnswer
  /// Reflections are private unless the employee shares them with the trainer.
  public var shared: Bool
  public var sessionID: String
  public var at: Date

  public init(
    employee: EmployeeID, item: ItemRef, kind: Kind, itemHash: String, answer: BeliefAnswer,
    shared: Bool = false, sessionID: String, at: Date = Date()
  ) {
    self.employee = employee
    self.item = item
    self.kind = kind
    self.itemHash = itemHash
    self.answer = answer
    self.shared = shared
    self.sessionID = sessionID
    self.at = at
  }
}

/// A signed creed.
public struct CreedSignature: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var courseID: String
  public var moduleID: String
  /// The creed section's id.
  public var sectionID: String
  /// ``CourseModel/Creed/contentHash`` of the text signed.
  public var creedHash: String
  /// The name the employee typed.
  public var name: String
  public var sessionID: String
  public var at: Date

  public init(
    employee: EmployeeID, courseID: String, moduleID: String, sectionID: String, creedHash: String,
    name: String, sessionID: String, at: Date = Date()
  ) {
    self.employee = employee
    self.courseID = courseID
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.creedHash = creedHash
    self.name = name
    self.sessionID = sessionID
    self.at = at
  }
}

/// A course page an employee read to its end: the course introduction, a module's
/// overview, or a lesson. Only the first reading is kept.
public struct PageRead: Sendable, Hashable, Codable {
  public enum Page: String, Sendable, Hashable, Codable {
    case introduction
    case overview
    case lesson
  }

  public var employee: EmployeeID
  public var courseID: String
  public var moduleID: String
  /// The lesson section's id; empty for an introduction or an overview.
  public var sectionID: String
  public var page: Page
  public var sessionID: String
  public var at: Date

  public init(
    employee: EmployeeID, courseID: String, moduleID: String, sectionID: String = "", page: Page,
    sessionID: String, at: Date = Date()
  ) {
    self.employee = employee
    self.courseID = courseID
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.page = page
    self.sessionID = sessionID
    self.at = at
  }
}

/// Where an employee is in a course, for exact resume.
public struct Bookmark: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var courseID: String
  public var moduleID: String
  /// The section, if inside one.
  public var sectionID: String?
  /// The item or lesson page the employee is at; the session engine gives it meaning.
  public var position: String?
  public var updated: Date

  public init(
    employee: EmployeeID, courseID: String, moduleID: String, sectionID: String? = nil,
    position: String? = nil, updated: Date = Date()
  ) {
    self.employee = employee
    self.courseID = courseID
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.position = position
    self.updated = updated
  }
}

/// Everything one employee recorded in one course.
public struct History: Sendable, Hashable {
  public var enrolment: Enrolment?
  /// Oldest first.
  public var attempts: [DrillAttempt]
  /// Oldest first.
  public var beliefs: [BeliefResponse]
  /// Oldest first.
  public var signatures: [CreedSignature]
  /// Oldest first.
  public var pagesRead: [PageRead]
  public var bookmark: Bookmark?

  public init(
    enrolment: Enrolment? = nil, attempts: [DrillAttempt] = [], beliefs: [BeliefResponse] = [],
    signatures: [CreedSignature] = [], pagesRead: [PageRead] = [], bookmark: Bookmark? = nil
  ) {
    self.enrolment = enrolment
    self.attempts = attempts
    self.beliefs = beliefs
    self.signatures = signatures
    self.pagesRead = pagesRead
    self.bookmark = bookmark
  }
}
