import Foundation
import LearnerModel
import PostgresNIO
import ProgressStorePostgres
import StoreBenchSupport

/// The PostgreSQL store on loopback, measured in the same run as SQLite:
///
/// 1. recording an answer with its bookmark (`recordAttempt`, one transaction) against a
///    bare single-row `BEGIN; INSERT; COMMIT` over the same kind of connection (one
///    postgres-nio `PostgresConnection`, no pool), into a table of the attempt's columns;
/// 2. the trainer's summary over 10,000 employees x 200 answers against the same SQL run
///    by the `psql` command (its start, the query, and printing the rows to /dev/null).
///
/// The server is the one `make bench` starts (`COACH_TEST_POSTGRES`), with PostgreSQL's
/// defaults: `fsync` and `synchronous_commit` on, so each commit waits for the disk.
struct PostgresComparison {
  let server: PostgresLocation
  let quick: Bool

  static var psql: String? {
    ["/usr/bin/psql", "/usr/local/bin/psql"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// One bare postgres-nio connection to `location` (no pool, no TLS: the bench server is
  /// on loopback), signed in as its user with `PGPASSWORD` if set.
  static func connect(_ location: PostgresLocation, logger: Logger) async throws -> PostgresConnection {
    let configuration = PostgresConnection.Configuration(
      host: location.host, port: location.port, username: location.user,
      password: ProcessInfo.processInfo.environment["PGPASSWORD"], database: location.database, tls: .disable)
    return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
  }

  static var quietLogger: Logger {
    var logger = Logger(label: "bench")
    logger.logLevel = .critical
    return logger
  }

  func database(_ name: String) async throws -> PostgresLocation {
    try await PostgresServer.dropDatabase(name, on: server)
    try await PostgresServer.createDatabase(name, on: server)
    return server.database(name)
  }

  // MARK: Recording

  func recording() async throws {
    let perRound = quick ? 100 : 400
    let rounds = quick ? 3 : 7
    let ours = try await PostgresProgressStore(
      location: try await database("coach_bench_record"), environment: [:])
    let employee = try EmployeeID("bench")
    try await ours.saveEmployee(Employee(id: employee, name: "Bench"))
    // What coach learn writes through: the store guarded by the learner's session lease,
    // which every write checks first.
    let now = Date()
    let lease = SessionLease(
      employee: employee, sessionID: "session", host: "bench", process: 1, started: now, renewed: now,
      expires: now.addingTimeInterval(86_400))
    guard try await ours.claimSession(lease, takingOver: nil) == .claimed else {
      throw BenchError("the bench's session lease was not claimed")
    }
    let learner = ours.guarded(by: lease)
    var count = 0
    func recordAnswer(withBookmark: Bool = true, inSession: Bool = false) async throws {
      count += 1
      let item = ItemRef(courseID: "bench-course", moduleID: "m1", sectionID: "s1", itemID: "q\(count % 50)")
      try await (inSession ? learner : ours).recordAttempt(
        DrillAttempt(
          employee: employee, item: item, itemHash: "hash", keyHash: "key", response: "answer \(count)",
          score: 1, correct: true, sessionID: "session"),
        bookmark: withBookmark
          ? Bookmark(
            employee: employee, courseID: "bench-course", moduleID: "m1", sectionID: "s1",
            position: .question(item: item.itemID, retry: false)) : nil)
    }

    let logger = Self.quietLogger
    let bare = try await Self.connect(try await database("coach_bench_bare"), logger: logger)
    try await bare.query(
      """
      CREATE TABLE answer (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, employeeId text NOT NULL,
        courseId text NOT NULL, moduleId text NOT NULL, sectionId text NOT NULL, itemId text NOT NULL,
        itemHash text NOT NULL, keyHash text, response text NOT NULL, score float8 NOT NULL,
        correct bool NOT NULL, attempt int NOT NULL, sessionId text NOT NULL, at timestamptz NOT NULL,
        context text NOT NULL, recordId uuid NOT NULL UNIQUE)
      """, logger: logger)
    var bareCount = 0
    func insert(transaction: Bool) async throws {
      bareCount += 1
      if transaction { try await bare.query("BEGIN", logger: logger) }
      try await bare.query(
        """
        INSERT INTO answer (employeeId, courseId, moduleId, sectionId, itemId, itemHash, keyHash, response,
          score, correct, attempt, sessionId, at, context, recordId)
        VALUES ('bench', 'bench-course', 'm1', 's1', \("q\(bareCount % 50)"), 'hash', 'key',
          \("answer \(bareCount)"), 1.0, true, 1, 'session', now(), 'drill', \(UUID()))
        """, logger: logger)
      if transaction { try await bare.query("COMMIT", logger: logger) }
    }

    var samples: [String: [Double]] = [:]
    let clock = ContinuousClock()
    func time(_ name: String, _ body: () async throws -> Void) async rethrows {
      let start = clock.now
      try await body()
      samples[name, default: []].append((clock.now - start).seconds / Double(perRound))
    }
    for _ in 0..<50 {
      try await recordAnswer()
      try await insert(transaction: true)
    }
    let baseline = "bare BEGIN; INSERT; COMMIT (postgres-nio)"
    let ourName = "coach recordAttempt + bookmark"
    let learnerName = "the same in a learner's session (lease checked)"
    for _ in 0..<rounds {
      try await time(baseline) { for _ in 0..<perRound { try await insert(transaction: true) } }
      try await time(ourName) { for _ in 0..<perRound { try await recordAnswer() } }
      try await time("coach recordAttempt alone") {
        for _ in 0..<perRound { try await recordAnswer(withBookmark: false) }
      }
      try await time(learnerName) { for _ in 0..<perRound { try await recordAnswer(inSession: true) } }
      try await time("bare INSERT, autocommit") {
        for _ in 0..<perRound { try await insert(transaction: false) }
      }
    }
    try await bare.close()
    await ours.close()

    let base = median(samples[baseline]!)
    print("## PostgreSQL on loopback: recording one answer per transaction, fsync on, synchronous_commit on")
    print("   (\(rounds) alternating rounds of \(perRound); median per answer)")
    Table(columns: ["contender", "µs/answer", "answers/s", "ratio to bare"]).print(
      [ourName, learnerName, "coach recordAttempt alone", baseline, "bare INSERT, autocommit"].map { name in
        let m = median(samples[name]!)
        return [name, format(m * 1e6, 1), format(1 / m, 0), format(m / base, 2) + "x"]
      })
    let ratio = median(samples[ourName]!) / base
    let inSession = median(samples[learnerName]!) / base
    print("RESULT postgres record-vs-bare: \(format(ratio, 2))x (goal <= 2x)")
    print("RESULT postgres record-in-session-vs-bare: \(format(inSession, 2))x (goal <= 2x)\n")
    postgresResults.record = ratio
    postgresResults.recordInSession = inSession
  }

  // MARK: Summary

  /// 10,000 employees x 200 answers, made by SQL on the server (the fixture, not the thing
  /// measured), numbered 1, 2, 3… per employee and item as the store numbers them.
  func summary() async throws {
    let location = try await database("coach_bench_summary")
    let store = try await PostgresProgressStore(location: location, environment: [:])
    let employees = SummaryDatabase.employees
    let answers = SummaryDatabase.answersEach
    print("building the PostgreSQL summary database (\(employees) employees x \(answers) answers)...")
    let course = SummaryDatabase.courseID
    let fixture = try await Self.connect(location, logger: Self.quietLogger)
    let statements = """
      INSERT INTO employee (id, name, role, cohort, created)
      SELECT 'E' || lpad(e::text, 5, '0'), 'Employee ' || e, 'staff', 'cohort-' || (e % 20), timestamptz '2026-01-01'
      FROM generate_series(0, \(employees - 1)) e;
      INSERT INTO enrolment (employeeId, courseId, started, completed, passed)
      SELECT 'E' || lpad(e::text, 5, '0'), '\(course)', timestamptz '2026-01-01',
        CASE WHEN e % 3 <> 0 THEN timestamptz '2026-01-01 01:00' END, e % 3 <> 0
      FROM generate_series(0, \(employees - 1)) e;
      INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash, response, score, correct,
        attempt, sessionId, at, recordId)
      SELECT id, '\(course)', 'm' || (item / 20), 's' || (item / 5), 'q' || item, 'h' || item, 'answer ' || n, score,
        score = 1, row_number() OVER (PARTITION BY id, item ORDER BY n), 'session', timestamptz '2026-01-01'
          + n * interval '1 second', gen_random_uuid()
      FROM (SELECT 'E' || lpad(e::text, 5, '0') AS id, n, (random() * 99)::int AS item,
              (ARRAY[0, 0.5, 1, 1])[1 + (random() * 3)::int] AS score
            FROM generate_series(0, \(employees - 1)) e, generate_series(0, \(answers - 1)) n) answers;
      ANALYZE
      """
    for sql in statements.components(separatedBy: ";\n") {
      try await fixture.query(PostgresQuery(unsafeSQL: sql), logger: Self.quietLogger)
    }
    try await fixture.close()
    let runs = quick ? 2 : 5
    // The fixture's 100 questions as they are now (answers from before answer keys: their
    // content hash counts).
    let scope = ReportScope(
      courseID: course,
      questions: (0..<100).map {
        ScopeQuestion(
          itemID: "q\($0)", moduleID: "m\($0 / 20)", sectionID: "s\($0 / 5)", keyHash: "k",
          contentHash: "h\($0)")
      })
    let sql = PostgresProgressStore.summarySQL.replacingOccurrences(of: "$1", with: "'\(course)'")
      .replacingOccurrences(of: "$2", with: "'" + PostgresProgressStore.questionsJSON(scope) + "'")
    let clock = ContinuousClock()
    var ours: [Double] = []
    var cli: [Double] = []
    var rowsSeen = 0
    _ = try await store.summary(of: scope)  // warm the server's cache for both
    for _ in 0..<runs {
      let start = clock.now
      rowsSeen = try await store.summary(of: scope).count
      ours.append((clock.now - start).seconds)
      if let psql = Self.psql {
        let outcome = try Shell.run(psql, ["-X", "-q", "-A", "-t", "-c", sql, location.url])
        guard outcome.status == 0 else { throw BenchError("psql failed: \(outcome.errors)") }
        cli.append(outcome.seconds)
      }
    }
    await store.close()
    print("## PostgreSQL summary query, \(employees) employees x \(answers) answers")
    var rows = [["coach summary(of:)", format(median(ours) * 1000, 0), String(rowsSeen)]]
    if !cli.isEmpty {
      rows.append(["psql command, same SQL", format(median(cli) * 1000, 0), String(employees)])
    }
    Table(columns: ["contender", "ms (median of \(runs))", "rows"]).print(rows)
    if !cli.isEmpty {
      let ratio = median(ours) / median(cli)
      print("RESULT postgres summary coach/psql: \(format(ratio, 2))x (goal <= 2x)\n")
      postgresResults.summary = ratio
    }
    try await PostgresServer.dropDatabase(location.database, on: server)
  }
}

/// The PostgreSQL ratios, printed again beside the SQLite ones at the end.
nonisolated(unsafe) var postgresResults = (
  record: Double?.none, recordInSession: Double?.none, summary: Double?.none
)
