import Foundation
import GRDB
import LearnerModel

extension SQLiteProgressStore {
  /// The employees of one page of the cohort report, with their enrolment: ?1 the
  /// course, ?2 the id to start after ('' for the first page), ?3 a cohort or NULL, ?4 a
  /// start time or NULL (then only enrolled employees, started then or later), ?5 the
  /// page size. Employees enrolled in the course or on the roster, by id.
  public static let digestEmployeesSQL = """
    SELECT \(EmployeeRow.selection), en.started, en.completed, en.passed, en.courseVersion
    FROM employee e LEFT JOIN enrolment en ON en.employeeId = e.id AND en.courseId = ?1
    WHERE e.id > ?2 AND (?3 IS NULL OR e.cohort = ?3)
      AND (en.employeeId IS NOT NULL OR (?4 IS NULL AND e.rosterImported IS NOT NULL))
      AND (?4 IS NULL OR en.started >= ?4)
    ORDER BY e.id LIMIT ?5
    """

  /// Each employee's drill answers summed per drill, for the employees of the JSON array
  /// ?3: the questions answered in their current version, the sums of the first and the
  /// best score that count, and the last answer (as in ``itemSQL``, the first answer that
  /// counts comes from `MIN(attempt + score / 2)`). The questions come first (`CROSS
  /// JOIN`), so each employee's answers to each are found by the index on course,
  /// employee and item (0.9 s against 1.7 s a page, where SQLite otherwise scans the
  /// questions for each answer).
  public static let digestDrillsSQL = """
    WITH \(questionsCTE),
    perItem AS (
      SELECT a.employeeId, q.ord, q.moduleId, q.sectionId,
             MAX(CASE WHEN \(counts) THEN a.score END) AS best,
             MIN(CASE WHEN \(counts) THEN a.attempt + a.score / 2.0 END) AS firstKey,
             MAX(a.at) AS lastAt
      FROM q CROSS JOIN drillAttempt a
      WHERE a.itemId = q.itemId AND a.courseId = ?1 AND a.employeeId IN (SELECT value FROM json_each(?3))
      GROUP BY a.employeeId, a.itemId)
    SELECT employeeId, moduleId, sectionId, MIN(ord) AS ord, COUNT(best) AS answered,
           TOTAL((firstKey - CAST(firstKey AS INTEGER)) * 2) AS firstSum, TOTAL(best) AS bestSum,
           MAX(lastAt) AS lastAt
    FROM perItem GROUP BY employeeId, moduleId, sectionId ORDER BY employeeId, ord
    """

  public func courseDigests(_ scope: ReportScope, _ query: DigestQuery) async throws(ProgressStoreError)
    -> [CourseDigest]
  {
    let questions = Self.questionsJSON(scope)
    let course = scope.courseID
    return try await read { db in
      var digests: [CourseDigest] = []
      var index: [String: Int] = [:]
      let people = try Row.fetchAll(
        db, sql: Self.digestEmployeesSQL,
        arguments: [
          course, query.after?.rawValue ?? "", query.cohort, query.startedSince.map(StoredDate.text),
          query.limit,
        ])
      for row in people {
        let employee = try EmployeeRow(row).model()
        var enrolment: Enrolment?
        if let started = row[7] as String? {
          enrolment = Enrolment(
            employee: employee.id, courseID: course, started: try StoredDate.read(started),
            completed: try (row[8] as String?).map { text throws(RowError) in try StoredDate.read(text) },
            passed: row[9], courseVersion: row[10])
        }
        index[employee.id.rawValue] = digests.count
        digests.append(CourseDigest(employee: employee, enrolment: enrolment))
      }
      guard !digests.isEmpty else { return [] }
      let idList = Self.json(list: digests.map(\.employee.id.rawValue))
      func each(_ sql: String, _ arguments: StatementArguments, _ body: (Int, Row) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
          if let at = index[row["employeeId"] as String] { try body(at, row) }
        }
      }
      func later(_ date: Date?, _ at: Int) {
        if let date, digests[at].lastActive.map({ $0 < date }) ?? true { digests[at].lastActive = date }
      }
      try each(Self.digestDrillsSQL, [course, questions, idList]) { at, row in
        digests[at].drills.append(
          DrillDigest(
            moduleID: row[1], sectionID: row[2], answered: row[4], firstSum: row[5], bestSum: row[6]))
        later(try StoredDate.read(row[7]), at)
      }
      let inPage = "courseId = ?1 AND employeeId IN (SELECT value FROM json_each(?2))"
      try each("SELECT * FROM drillPass WHERE \(inPage) ORDER BY employeeId, id", [course, idList]) {
        at, row in
        digests[at].passes.append(try DrillPassRow(row: row).model())
      }
      try each("SELECT * FROM creedSignature WHERE \(inPage) ORDER BY employeeId, id", [course, idList]) {
        at, row in
        let signature = try CreedSignatureRow(row: row).model()
        digests[at].signatures.append(signature)
        later(signature.at, at)
      }
      try each(
        """
        SELECT employeeId, moduleId, sectionId, itemId, MAX(at) FROM beliefResponse WHERE \(inPage)
        GROUP BY employeeId, moduleId, sectionId, itemId
        """, [course, idList]
      ) { at, row in
        digests[at].answered.insert(ItemPlace(moduleID: row[1], sectionID: row[2], itemID: row[3]))
        later(try StoredDate.read(row[4]), at)
      }
      try each("SELECT * FROM pageRead WHERE \(inPage) ORDER BY employeeId, at", [course, idList]) {
        at, row in
        let read = try PageReadRow(row: row).model()
        digests[at].pagesRead.append(read)
        later(read.at, at)
      }
      try each("SELECT * FROM bookmark WHERE \(inPage)", [course, idList]) { at, row in
        let bookmark = try BookmarkRow(row: row).model()
        digests[at].bookmark = bookmark
        later(bookmark.updated, at)
      }
      // A store from before passes were kept: a drill counts as passed when it was
      // answered before an enrolment completed as passed.
      for at in digests.indices where digests[at].needsFirstAnswers {
        for row in try Row.fetchAll(
          db,
          sql: """
            SELECT moduleId, sectionId, MIN(at) FROM drillAttempt WHERE courseId = ? AND employeeId = ?
            GROUP BY moduleId, sectionId ORDER BY moduleId, sectionId
            """, arguments: [course, digests[at].employee.id.rawValue])
        {
          digests[at].firstAnswers.append(
            SectionTime(moduleID: row[0], sectionID: row[1], at: try StoredDate.read(row[2])))
        }
      }
      return digests
    }
  }
}
