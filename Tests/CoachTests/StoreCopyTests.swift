import Foundation
import Testing

/// `coach store copy` from an SQLite file to PostgreSQL and back: the file that comes back
/// is the one that went, as the `sqlite3` command dumps both (every table, row and column),
/// and PostgreSQL holds what `psql` counts.
@Suite(
  .postgres, .serialized, .timeLimit(.minutes(5)),
  .enabled(
    if: CheckStoreTests.sqlite3 != nil, "the sqlite3 command is not installed (apt-get install sqlite3)"))
struct StoreCopyTests {
  let courses = CoachBinary.fixtures
  /// Monday 2 March 2026, 09:00 UTC.
  static let start = Date(timeIntervalSince1970: 1_772_442_000)

  /// `sqlite3 FILE .dump`: the schema and every row of every table (ids, record ids and
  /// times included) as SQL text, its lines sorted. The order is not compared: rows with
  /// an id carry it, but a copy writes employees in id order, not the order they joined
  /// in, and SQLite lists each table's last id in the order tables were first written to.
  func dump(_ store: String) throws -> String {
    try CheckStoreTests.queryNow(store, ".dump").split(separator: "\n").sorted().joined(separator: "\n")
  }

  func copy(_ from: String, _ to: String, merge: Bool = false) async throws -> CoachBinary.Result {
    try await CoachBinary.running(["store", "copy", from, to] + (merge ? ["--merge"] : []))
  }

  /// Copies `file` to a new PostgreSQL database and from there to a new file; checks both
  /// copies with `sqlite3` and `psql`, then that copying again is refused and merging adds
  /// nothing.
  func roundTrip(_ file: String) async throws {
    let server = try TestPostgres.newStore()
    defer { TestPostgres.drop(server) }
    let there = try await copy(file, server)
    #expect(there.status == 0, "\(there.stderr)")
    #expect(there.stdout.contains("every row count checked: TO holds what FROM holds"), "\(there.stdout)")
    // The file is brought up to date when it is opened to copy; dump it as it is now.
    let original = try dump(file)
    for table in [
      "employee", "enrolment", "drillAttempt", "drillPass", "beliefResponse", "pageRead", "bookmark",
    ] {
      let rows = try CheckStoreTests.queryNow(file, "SELECT count(*) FROM \(table)")
        .trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(try TestPostgres.sql("SELECT count(*) FROM \(table)", in: server) == [rows], "\(table)")
      #expect(there.stdout.contains(" \(rows)"), "\(table): \(rows) in the printed counts")
    }
    let columns =
      "courseId, itemId, keyHash, context, attempt, correct, score, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')"
    let sqliteColumns = "courseId, itemId, keyHash, context, attempt, correct, score, at"
    let psqlRows = try TestPostgres.sql(
      "SELECT \(columns.replacingOccurrences(of: "correct", with: "correct::int")) FROM drillattempt ORDER BY id",
      in: server)
    let sqliteRows = try CheckStoreTests.queryNow(
      file, "SELECT \(sqliteColumns) FROM drillAttempt ORDER BY id"
    )
    .split(separator: "\n").map(String.init)
    #expect(
      psqlRows.map { $0.replacingOccurrences(of: ".0|", with: "|") }
        == sqliteRows.map {
          $0.replacingOccurrences(of: ".0|", with: "|")
        })

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("copy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let back = folder.appendingPathComponent("back.sqlite").path
    let home = try await copy(server, back)
    #expect(home.status == 0, "\(home.stderr)")
    let returned = try dump(back)
    let differences = zip(original.split(separator: "\n"), returned.split(separator: "\n")).filter {
      $0 != $1
    }
    #expect(
      original == returned,
      "first difference: \(differences.first.map { "\($0.0)\n  vs \($0.1)" } ?? "length")")

    let again = try await copy(file, server)
    #expect(again.status == 1 && again.stderr.contains("it is not empty"), "\(again.stderr)")
    let merged = try await copy(file, server, merge: true)
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(merged.stdout.contains("TO holds what it had and what it lacked of FROM"))
    let backAgain = folder.appendingPathComponent("again.sqlite").path
    #expect(try await copy(server, backAgain).status == 0)
    #expect(try dump(backAgain) == original, "merging the same store again added nothing")
  }

  @Test func aLearnersRecordsWithReviewsAndPassesComeBackAsTheyWent() async throws {
    let store = CoachBinary.temporaryStore()
    let outline = try await Outline.loading(courses)
    let learned = try PipeLearner(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "e1", "--name", "Sam Lee", "--role",
        "frontline", "--seed", "3", "--now", ReviewCommandTests.iso(Self.start),
      ], outline: outline, misses: ["first": 1])
    #expect(try await learned.finishing().status == 0)
    let reviewed = try PipeLearner(
      [
        "review", "--courses", courses, "--store", store, "--now",
        ReviewCommandTests.iso(Self.start + 40 * 86_400),
      ], outline: outline, misses: ["warm": 1])
    #expect(try await reviewed.finishing().status == 0)
    let kinds = try CheckStoreTests.queryNow(
      store,
      "SELECT (SELECT count(*) FROM drillAttempt WHERE context = 'review') > 0, count(*) FROM drillPass")
    #expect(kinds.hasPrefix("1|") && !kinds.hasPrefix("1|0"), "reviews and passes to copy: \(kinds)")
    try await roundTrip(store)
  }

  @Test func aStoreFromAnEarlierReleaseKeepsEveryColumnItHad() async throws {
    let store = try ReleaseStoreTests.copyOfStore()
    try await roundTrip(store)
  }

  /// `coach check --store URL` reads a PostgreSQL store without writing to it: one whose
  /// schema is this coach's is previewed; an empty database, or one a migration short, is
  /// refused and left as it was.
  @Test func checkingAgainstPostgreSQLOnlyReads() async throws {
    let server = try TestPostgres.newStore()
    defer { TestPostgres.drop(server) }
    let tables = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
    let empty = try await CoachBinary.running(["check", courses, "--store", server])
    #expect(empty.status == 1 && empty.stderr.contains("it has no coach tables"), "\(empty.stderr)")
    #expect(try TestPostgres.sql(tables, in: server) == ["0"])

    #expect(try await copy(try ReleaseStoreTests.copyOfStore(), server).status == 0)
    let shown = String(server.split(separator: "?")[0])
    let preview = try await CoachBinary.running(["check", courses, "--store", server])
    #expect(preview.status == 0, "\(preview.stderr)")
    #expect(preview.stdout.contains("Progress store \(shown): what the courses as they are now do"))
    #expect(preview.stdout.contains("tiny (Tiny Service): 15 employees with records in the progress store"))

    try TestPostgres.sql("DELETE FROM coachMigrations WHERE name = 'v9-add-record-ids'", in: server)
    let counts = try TestPostgres.sql("SELECT count(*) FROM coachMigrations", in: server)
    let older = try await CoachBinary.running(["check", courses, "--store", server])
    #expect(older.status == 1, "\(older.stdout)")
    #expect(older.stderr.contains("lacks v9-add-record-ids") && older.stderr.contains("coach store init"))
    #expect(
      try TestPostgres.sql("SELECT count(*) FROM coachMigrations", in: server) == counts, "no migration")
  }
}
