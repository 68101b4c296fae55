import CourseModel
import Foundation
import LearnerModel

/// The statements of a course's records in a store: every employee with records in the
/// course (or the employees of one cohort), from a time on.
public struct XAPIExport: Sendable {
  public var statements: [Statement]
  /// Employees with at least one statement.
  public var learners: Int
  /// Things worth saying about the export (employees without an email address when
  /// emails were asked for).
  public var notes: [String]

  /// Reads the store and builds the statements.
  /// - Parameters:
  ///   - emails: the roster's email address of each employee who has one.
  ///   - since: only statements from this time on.
  /// - Throws: ``XAPIError/store(_:)`` when the store cannot be read,
  ///   ``XAPIError/noCohort(_:known:)`` for a cohort no employee is in.
  public static func read(
    course: Course, store: any ProgressStore, cohort: String? = nil, settings: XAPISettings,
    emails: [EmployeeID: String] = [:], since: Date? = nil
  ) async throws(XAPIError) -> XAPIExport {
    let builder = StatementBuilder(course: course, settings: settings)
    let everyone: [Employee]
    do { everyone = try await store.allEmployees() } catch { throw .store(error) }
    let chosen = cohort.map { name in everyone.filter { $0.cohort == name } } ?? everyone
    if let cohort, chosen.isEmpty {
      throw .noCohort(cohort, known: Array(Set(everyone.compactMap(\.cohort))).sorted())
    }
    var statements: [Statement] = []
    var learners = 0
    var withoutEmail = 0
    let cutoff = since.map(Timestamp.iso8601)
    for employee in chosen {
      let history: History
      do { history = try await store.history(of: employee.id, in: course.id) } catch { throw .store(error) }
      let learner = Learner(employee, email: emails[employee.id])
      var theirs = builder.statements(for: learner, history: history)
      if let cutoff { theirs = theirs.filter { $0.timestamp >= cutoff } }
      guard !theirs.isEmpty else { continue }
      learners += 1
      if settings.identity == .email && (learner.email ?? "").isEmpty { withoutEmail += 1 }
      statements += theirs
    }
    var notes: [String] = []
    if withoutEmail > 0 {
      notes.append(
        "\(withoutEmail) of \(learners) employees have no email address in the roster: their statements "
          + "name them by account (\(settings.homePage) and their employee id)")
    }
    return XAPIExport(statements: statements, learners: learners, notes: notes)
  }

  /// How many statements of each kind, in the order of ``Statement/Kind``.
  public var counts: [(kind: Statement.Kind, count: Int)] {
    let byKind = Dictionary(grouping: statements, by: \.kind).mapValues(\.count)
    return Statement.Kind.allCases.compactMap { kind in byKind[kind].map { (kind, $0) } }
  }

  /// `wrote 42 statements of tiny for 2 employees to out.jsonl (answer 20, ...)`.
  public func summary(course: String, to destination: String?) -> String {
    let kinds = counts.map { "\($0.kind.rawValue) \($0.count)" }.joined(separator: ", ")
    let made = statements.count == 1 ? "1 statement" : "\(statements.count) statements"
    let verb = destination.map { "wrote \(made) of \(course) to \($0)" } ?? "made \(made) of \(course)"
    let who = learners == 1 ? "1 employee" : "\(learners) employees"
    return "\(verb) for \(who)" + (kinds.isEmpty ? "" : " (\(kinds))")
  }

  /// What a send did, in a sentence.
  public static func describe(_ report: LRSClient.Report, url: String) -> String {
    var text =
      "sent to \(url) in \(report.posts == 1 ? "1 POST" : "\(report.posts) POSTs"): \(report.stored) stored, "
      + "\(report.alreadyThere) already there"
    if report.retried > 0 { text += ", \(report.retried) retried" }
    if !report.conflicts.isEmpty {
      text +=
        "; \(report.conflicts.count) refused as conflicts (the LRS holds a different statement with the same id, "
        + "sent with other settings or before the course changed): "
        + report.conflicts.prefix(5).map { $0.uuidString.lowercased() }.joined(separator: ", ")
        + (report.conflicts.count > 5 ? ", ..." : "")
    }
    return text
  }
}
