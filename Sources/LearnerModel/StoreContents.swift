import Foundation

/// Every record a progress store holds, for copying one store into another
/// (`coach store copy`): SQLite to PostgreSQL and back.
public struct StoreContents: Sendable, Hashable {
  public var employees: [Employee]
  public var enrolments: [Enrolment]
  /// In the order they were written, with their numbers.
  public var attempts: [DrillAttempt]
  /// In the order they were written.
  public var beliefs: [BeliefResponse]
  /// In the order they were written.
  public var signatures: [CreedSignature]
  /// In the order they were written.
  public var passes: [DrillPass]
  public var pagesRead: [PageRead]
  public var bookmarks: [Bookmark]
  /// Each employee's wrapped private-text key, kept as given (sealed answers and drafts
  /// open with it, and so with the employee's passphrase, on either side of a copy).
  /// Session leases are not copied: they belong to the store copied from.
  public var keys: [WrappedKey]
  /// The folder an earlier coach took each course from (the enrolment's `source` column,
  /// no longer written or read), kept so that a copy holds every column there was.
  public var enrolmentSources: [HeldRecords.Key: String]

  public init(
    employees: [Employee] = [], enrolments: [Enrolment] = [], attempts: [DrillAttempt] = [],
    beliefs: [BeliefResponse] = [], signatures: [CreedSignature] = [], passes: [DrillPass] = [],
    pagesRead: [PageRead] = [], bookmarks: [Bookmark] = [], keys: [WrappedKey] = [],
    enrolmentSources: [HeldRecords.Key: String] = [:]
  ) {
    self.employees = employees
    self.enrolments = enrolments
    self.attempts = attempts
    self.beliefs = beliefs
    self.signatures = signatures
    self.passes = passes
    self.pagesRead = pagesRead
    self.bookmarks = bookmarks
    self.keys = keys
    self.enrolmentSources = enrolmentSources
  }

  /// The tables every store keeps, in the order rows are copied (each after the one it
  /// refers to), by the names both stores give them.
  public static let tables = [
    "employee", "enrolment", "drillAttempt", "beliefResponse", "creedSignature", "drillPass", "pageRead",
    "bookmark", "employeeKey",
  ]

  /// How many records of each kind, by table name.
  public var counts: [String: Int] {
    [
      "employee": employees.count, "enrolment": enrolments.count, "drillAttempt": attempts.count,
      "beliefResponse": beliefs.count, "creedSignature": signatures.count, "drillPass": passes.count,
      "pageRead": pagesRead.count, "bookmark": bookmarks.count, "employeeKey": keys.count,
    ]
  }

  public var isEmpty: Bool { counts.values.allSatisfy { $0 == 0 } }

  /// Refuses a copy whose row counts do not add up: each table must hold what it held
  /// before plus what was written. Stores call it before they commit a copy.
  public static func checkCounts(
    before: [String: Int], written: StoreContents, after: [String: Int], store: String
  ) throws(ProgressStoreError) {
    let wrote = written.counts
    for table in tables where after[table, default: 0] != before[table, default: 0] + wrote[table, default: 0]
    {
      throw .database(
        store: store,
        detail: "the copy does not add up in \(table): \(before[table, default: 0]) rows before + "
          + "\(wrote[table, default: 0]) written, but \(after[table, default: 0]) after; nothing was copied")
    }
  }

  /// What of `self` a store that already holds `held` does not have, for a merge:
  ///
  /// - employees, enrolments, first readings and bookmarks the store has are kept as the
  ///   store has them, and so is an employee's wrapped key;
  /// - attempts, belief responses, signatures and passes it has (by record id) are left
  ///   out;
  /// - the attempts left are numbered after the store's own attempts at the same
  ///   employee, course and item, in the order they were written.
  public func remainder(after held: HeldRecords) -> StoreContents {
    var rest = StoreContents()
    rest.employees = employees.filter { !held.employees.contains($0.id) }
    rest.enrolments = enrolments.filter {
      !held.enrolments.contains(HeldRecords.Key($0.employee, $0.courseID))
    }
    var last = held.lastAttempt
    for attempt in attempts where !held.recordIDs.contains(attempt.recordID) {
      let key = HeldRecords.ItemKey(attempt.employee, attempt.item.courseID, attempt.item.itemID)
      var renumbered = attempt
      if let before = held.lastAttempt[key] {
        renumbered.attempt = last[key, default: before] + 1
        last[key] = renumbered.attempt
      }
      rest.attempts.append(renumbered)
    }
    rest.beliefs = beliefs.filter { !held.recordIDs.contains($0.recordID) }
    rest.signatures = signatures.filter { !held.recordIDs.contains($0.recordID) }
    rest.passes = passes.filter { !held.recordIDs.contains($0.recordID) }
    let written = Set(rest.enrolments.map { HeldRecords.Key($0.employee, $0.courseID) })
    rest.enrolmentSources = enrolmentSources.filter { written.contains($0.key) }
    rest.pagesRead = pagesRead.filter { !held.pages.contains(HeldRecords.PageKey($0)) }
    rest.bookmarks = bookmarks.filter { !held.bookmarks.contains(HeldRecords.Key($0.employee, $0.courseID)) }
    rest.keys = keys.filter { !held.keys.contains($0.employee) }
    return rest
  }
}

extension StoreContents {
  /// The employees a merge into a store holding `held` would lock out of their own
  /// private text: each store has its own key for them (they set up private text on
  /// both), and records sealed under this side's key would be copied where only the
  /// other key is kept, so no passphrase could open them there.
  public func keyConflicts(with held: HeldRecords) -> [EmployeeID] {
    var sealedFor: Set<EmployeeID> = []
    for belief in beliefs where !held.recordIDs.contains(belief.recordID) {
      if case .sealed = belief.answer { sealedFor.insert(belief.employee) }
    }
    for bookmark in bookmarks
    where !held.bookmarks.contains(HeldRecords.Key(bookmark.employee, bookmark.courseID)) {
      switch bookmark.position {
      case .sealedDraft, .sealedShare: sealedFor.insert(bookmark.employee)
      default: break
      }
    }
    return keys.compactMap { key in
      guard let heldID = held.keyIDs[key.employee], heldID != key.keyID, sealedFor.contains(key.employee)
      else { return nil }
      return key.employee
    }.sorted { $0.rawValue < $1.rawValue }
  }

  /// Refuses a merge that ``keyConflicts(with:)`` finds, naming the employees: nothing
  /// is copied.
  public func checkKeys(against held: HeldRecords, store: String) throws(ProgressStoreError) {
    let conflicts = keyConflicts(with: held)
    guard !conflicts.isEmpty else { return }
    let names = conflicts.map(\.rawValue).joined(separator: ", ")
    throw .cannotWrite(
      store: store,
      detail:
        "\(conflicts.count == 1 ? "the employee" : "the employees") \(names) set up private text in both "
        + "stores, each with its own key, so the reflections and drafts sealed in the store copied from could "
        + "not be opened here with any passphrase: nothing was copied. Keep the store copied from: that "
        + "private text still opens there, with the employee's own passphrase")
  }
}

/// The keys of what a store holds: enough to merge another store's records into it.
public struct HeldRecords: Sendable, Hashable {
  public struct Key: Sendable, Hashable {
    public var employee: EmployeeID
    public var course: String
    public init(_ employee: EmployeeID, _ course: String) {
      self.employee = employee
      self.course = course
    }
  }

  public struct ItemKey: Sendable, Hashable {
    public var employee: EmployeeID
    public var course: String
    public var item: String
    public init(_ employee: EmployeeID, _ course: String, _ item: String) {
      self.employee = employee
      self.course = course
      self.item = item
    }
  }

  public struct PageKey: Sendable, Hashable {
    public var employee: EmployeeID
    public var course: String
    public var module: String
    public var section: String
    public var page: PageRead.Page
    public init(_ read: PageRead) {
      employee = read.employee
      course = read.courseID
      module = read.moduleID
      section = read.sectionID
      page = read.page
    }
  }

  public var employees: Set<EmployeeID> = []
  public var enrolments: Set<Key> = []
  /// The record ids of every attempt, belief response, signature and drill pass.
  public var recordIDs: Set<UUID> = []
  /// The highest attempt number at each employee, course and item.
  public var lastAttempt: [ItemKey: Int] = [:]
  public var pages: Set<PageKey> = []
  public var bookmarks: Set<Key> = []
  /// The employees with a wrapped key (a merge keeps the target's key).
  public var keys: Set<EmployeeID> = []
  /// The id of each employee's wrapped key: private text sealed under another key does
  /// not open here.
  public var keyIDs: [EmployeeID: String] = [:]

  public init() {}

  /// The keys of everything in `contents`.
  public init(_ contents: StoreContents) {
    employees = Set(contents.employees.map(\.id))
    enrolments = Set(contents.enrolments.map { Key($0.employee, $0.courseID) })
    recordIDs = Set(
      contents.attempts.map(\.recordID) + contents.beliefs.map(\.recordID)
        + contents.signatures.map(\.recordID) + contents.passes.map(\.recordID))
    for attempt in contents.attempts {
      let key = ItemKey(attempt.employee, attempt.item.courseID, attempt.item.itemID)
      lastAttempt[key] = max(lastAttempt[key] ?? 0, attempt.attempt)
    }
    pages = Set(contents.pagesRead.map(PageKey.init))
    bookmarks = Set(contents.bookmarks.map { Key($0.employee, $0.courseID) })
    keys = Set(contents.keys.map(\.employee))
    for key in contents.keys { keyIDs[key.employee] = key.keyID }
  }
}

/// A store whose records can all be read, and written in one transaction: what
/// `coach store copy` needs of both sides.
public protocol CopyableProgressStore: ProgressStore {
  /// Every record, read in one transaction.
  func contents() async throws(ProgressStoreError) -> StoreContents

  /// How many rows each table holds (by the names of ``StoreContents/tables``).
  func rowCounts() async throws(ProgressStoreError) -> [String: Int]

  /// Writes `contents` in one transaction. Without `merge`, a store that holds anything
  /// is refused and records keep their numbers; with it, only what the store does not
  /// have is written (``StoreContents/remainder(after:)``).
  /// - Returns: The row counts read in the same transaction before and after writing.
  func load(_ contents: StoreContents, merge: Bool) async throws(ProgressStoreError)
    -> (before: [String: Int], after: [String: Int])
}
