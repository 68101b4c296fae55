import CourseModel
import Foundation
import LearnerModel
import ProgressStoreSQLite
import Reports
import StoreBenchSupport

/// The trainer's reports over 10,000 employees x 200 answers: `coach report ...` (the
/// release binary, from process start to the last byte of CSV) against the `sqlite3`
/// command computing the same figures in plain SQL (its process start and printing the
/// rows to /dev/null). The SQL is printed beside the figures and kept in
/// `$TMPDIR/coach-bench/report-*.sql`.
struct ReportComparison {
  let coach: String
  let runs: Int

  func run() async throws {
    let course = try ReportDatabase.course()
    let path = try ReportDatabase.prepare(course)
    let scope = ReportScope(course: course)
    print("## Reports, \(ReportDatabase.employees) employees x \(ReportDatabase.answersEach) answers each")
    guard let sqlite3 = Shell.sqlite3 else {
      print("sqlite3 is not installed: no ratios\n")
      return
    }
    let questions = Self.quoted(SQLiteProgressStore.questionsJSON(scope))
    let beliefItems = Self.quoted(SQLiteProgressStore.beliefsJSON(scope))
    let literal = { (sql: String, parameter: String) in
      sql.replacingOccurrences(of: "?1", with: "'\(ReportDatabase.courseID)'")
        .replacingOccurrences(of: "?2", with: parameter) + ";\n"
    }
    let items =
      literal(SQLiteProgressStore.itemSQL, questions) + literal(SQLiteProgressStore.wrongAnswerSQL, questions)
    let beliefs = [
      SQLiteProgressStore.beliefPointsSQL, SQLiteProgressStore.beliefPositionsSQL,
      SQLiteProgressStore.beliefSharedSQL,
      SQLiteProgressStore.beliefChangesSQL,
    ].map { literal($0, beliefItems) }.joined()
    let cohort = Self.cohortSQL(questions: questions)
    var rows: [[String]] = []
    for (name, sql) in [("cohort", cohort), ("items", items), ("beliefs", beliefs)] {
      let file = BenchFiles.folder.appendingPathComponent("report-\(name).sql").path
      try sql.write(toFile: file, atomically: true, encoding: .utf8)
      let arguments = [
        "report", name, "--course", ReportDatabase.courseID, "--courses", ReportDatabase.folder, "--store",
        path,
        "--format", "csv",
      ]
      // Warm the page cache for both.
      _ = try Shell.run(coach, arguments)
      _ = try Shell.run(sqlite3, ["-readonly", path], stdin: file)
      var ours: [Double] = []
      var cli: [Double] = []
      for _ in 0..<runs {
        let mine = try Shell.run(coach, arguments)
        guard mine.status == 0 else { throw BenchError("coach report \(name) failed: \(mine.errors)") }
        ours.append(mine.seconds)
        let theirs = try Shell.run(sqlite3, ["-readonly", path], stdin: file)
        guard theirs.status == 0, theirs.errors.isEmpty else {
          throw BenchError("sqlite3 failed on report-\(name).sql: \(theirs.errors)")
        }
        cli.append(theirs.seconds)
      }
      rows.append([
        name, format(median(ours) * 1000, 0), format(median(cli) * 1000, 0),
        format(median(ours) / median(cli), 2) + "x",
      ])
      print("-- the SQL of \(name) (\(file)):\n\(sql)")
    }
    Table(columns: ["report", "coach ms", "sqlite3 ms", "coach/sqlite3"]).print(rows)
    for row in rows { print("RESULT report \(row[0]) coach/sqlite3: \(row[3])") }
    print()
    try memory(course)
  }

  /// The cohort report's peak memory against the number of employees: the same course and
  /// employees (the first 1,000 of the full store, then all 10,000), each format. A report
  /// that streams its rows needs about the same at both sizes.
  func memory(_ course: Course) throws {
    let sizes = [1_000, ReportDatabase.employees]
    print("## The cohort report's peak memory (max RSS of the process), by employees in the store")
    let paths = try sizes.map { try ReportDatabase.prepare(course, employees: $0) }
    var rows: [[String]] = []
    for kind in ["csv", "table", "json", "html"] {
      var peaks: [Double] = []
      for path in paths {
        let arguments = [
          "report", "cohort", "--course", ReportDatabase.courseID, "--courses", ReportDatabase.folder,
          "--store", path, "--format", kind,
        ]
        var kilobytes: [Int] = []
        // The peak is the same run after run (page cache aside): the median of three,
        // or one run in a quick run.
        for _ in 0..<(runs < 3 ? 1 : 3) {
          let outcome = try Shell.peak(coach, arguments)
          guard outcome.status == 0 else { throw BenchError("coach report cohort --format \(kind) failed") }
          kilobytes.append(outcome.kilobytes)
        }
        peaks.append(Double(kilobytes.sorted()[kilobytes.count / 2]) / 1024)
      }
      rows.append(
        [kind] + peaks.map { format($0, 1) } + [format(peaks[1] / peaks[0], 2) + "x"])
    }
    Table(
      columns: ["format"] + sizes.map { "MB at \($0)" } + ["\(sizes[1]) / \(sizes[0])"]
    ).print(rows)
    for row in rows { print("RESULT cohort memory \(row[0]) 10,000/1,000 employees: \(row[3])") }
    print()
  }

  static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

  /// The cohort report's figures for the benchmark's course in plain SQL: per employee,
  /// started, last active, modules done of those for their role, each drill's first and
  /// best score (drill answers to the current version only) and whether it is passed, the
  /// creed, completed. A module is done when its drill is passed, its pages read, its
  /// belief items and creed statements answered and its creed signed (the rules of
  /// CourseProgress's Standing, for this course's shape).
  static func cohortSQL(questions: String) -> String {
    """
    WITH q(itemId, moduleId, keyHash, contentHash) AS (
      SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[3]'),
             json_extract(value, '$[4]') FROM json_each(\(questions))),
    perItem AS (
      SELECT a.employeeId, q.moduleId,
             MAX(CASE WHEN a.context = 'drill' AND (CASE WHEN a.keyHash IS NOT NULL THEN a.keyHash = q.keyHash
                                 ELSE a.itemHash = q.contentHash END) THEN a.score END) AS best,
             (SELECT f.score FROM drillAttempt f
              WHERE f.courseId = a.courseId AND f.employeeId = a.employeeId AND f.itemId = a.itemId
                AND f.context = 'drill'
                AND (CASE WHEN f.keyHash IS NOT NULL THEN f.keyHash = q.keyHash ELSE f.itemHash = q.contentHash END)
              ORDER BY f.attempt LIMIT 1) AS first,
             MAX(a.at) AS lastAt
      FROM drillAttempt a JOIN q ON q.itemId = a.itemId
      WHERE a.courseId = 'bench-reports' GROUP BY a.employeeId, a.itemId),
    perDrill AS (
      SELECT p.employeeId, p.moduleId, COUNT(p.best) AS answered, AVG(p.first) AS first, AVG(p.best) AS best,
             MAX(p.lastAt) AS lastAt,
             EXISTS (SELECT 1 FROM drillPass d WHERE d.courseId = 'bench-reports' AND d.employeeId = p.employeeId
                     AND d.moduleId = p.moduleId) AS recorded
      FROM perItem p GROUP BY p.employeeId, p.moduleId),
    needs(moduleId, beliefs, creed, managersOnly) AS (
      VALUES ('m1', 8, 0, 0), ('m2', 0, 0, 0), ('m3', 0, 0, 0), ('m4', 0, 0, 0), ('m5', 0, 0, 0), ('m6', 0, 0, 0),
             ('m7', 0, 0, 0), ('m8', 0, 0, 0), ('m9', 0, 0, 1), ('m10', 8, 1, 0)),
    modules AS (
      SELECT e.id AS employeeId, n.moduleId,
             (COALESCE(d.recorded, 0) OR (COALESCE(d.answered, 0) = 10 AND d.best >= 0.8 - 1e-9))
             AND (SELECT COUNT(*) FROM pageRead r WHERE r.employeeId = e.id AND r.courseId = 'bench-reports'
                  AND r.moduleId = n.moduleId) = 2
             AND (SELECT COUNT(DISTINCT b.itemId) FROM beliefResponse b WHERE b.courseId = 'bench-reports'
                  AND b.employeeId = e.id AND b.moduleId = n.moduleId) = n.beliefs
             AND (n.creed = 0 OR EXISTS (SELECT 1 FROM creedSignature s WHERE s.courseId = 'bench-reports'
                  AND s.employeeId = e.id)) AS done
      FROM employee e JOIN needs n ON n.managersOnly = 0 OR e.role = 'manager'
      LEFT JOIN perDrill d ON d.employeeId = e.id AND d.moduleId = n.moduleId),
    active AS (
      SELECT employeeId, MAX(at) AS at FROM (
        SELECT employeeId, lastAt AS at FROM perDrill
        UNION ALL SELECT employeeId, at FROM beliefResponse WHERE courseId = 'bench-reports'
        UNION ALL SELECT employeeId, at FROM pageRead WHERE courseId = 'bench-reports'
        UNION ALL SELECT employeeId, at FROM creedSignature WHERE courseId = 'bench-reports'
        UNION ALL SELECT employeeId, updated FROM bookmark WHERE courseId = 'bench-reports')
      GROUP BY employeeId)
    SELECT e.id, e.name, e.role, e.cohort, substr(en.started, 1, 10), substr(ac.at, 1, 10),
           substr(en.completed, 1, 10),
           (SELECT SUM(done) FROM modules m WHERE m.employeeId = e.id) AS modulesDone,
           (SELECT COUNT(*) FROM modules m WHERE m.employeeId = e.id) AS modulesForRole,
           (SELECT group_concat(d.moduleId || ':' || COALESCE(round(d.first * 100), '') || '/'
                                || COALESCE(round(d.best * 100), '') || ':'
                                || (d.recorded OR (d.answered = 10 AND d.best >= 0.8 - 1e-9)), ' ')
            FROM perDrill d WHERE d.employeeId = e.id) AS drills,
           EXISTS (SELECT 1 FROM creedSignature s WHERE s.courseId = 'bench-reports' AND s.employeeId = e.id) AS signed
    FROM employee e
    LEFT JOIN enrolment en ON en.employeeId = e.id AND en.courseId = 'bench-reports'
    LEFT JOIN active ac ON ac.employeeId = e.id
    WHERE en.employeeId IS NOT NULL OR e.rosterImported IS NOT NULL
    ORDER BY e.id;

    """
  }
}
