import Foundation
import Testing

/// `coach check --store` only reads the store, and says what an edit will do; `coach
/// progress` finds a course by its id in the courses folder and says where it looked.
@Suite(.serialized) struct CheckStoreTests {
  static let sqlite3 = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// What the `sqlite3` command (not coach) reads from a store file.
  static func query(_ store: String, _ sql: String) async throws -> String {
    try await offThePool { try queryNow(store, sql) }
  }

  static func queryNow(_ store: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sqlite3 ?? "/usr/bin/sqlite3")
    process.arguments = ["-readonly", store, sql]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test(.enabled(if: sqlite3 != nil, "the sqlite3 command is not installed (apt-get install sqlite3)"))
  func previewingAgainstAnOlderStoreChangesNoByteAndRunsNoMigration() async throws {
    let store = try ReleaseStoreTests.copyOfStore()
    let before = try Data(contentsOf: URL(fileURLWithPath: store))
    let migrations = try await Self.query(store, "SELECT identifier FROM grdb_migrations ORDER BY identifier")
    let result = try await CoachBinary.running(["check", CoachBinary.fixtures, "--store", store])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Progress store \(store): what the courses as they are now do"))
    #expect(result.stdout.contains("tiny (Tiny Service): 15 employees with records in the progress store"))
    #expect(result.stdout.contains("no change to the course touches their records"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before, "not a byte written")
    #expect(
      try await Self.query(store, "SELECT identifier FROM grdb_migrations ORDER BY identifier") == migrations)
    #expect(!migrations.contains("v3-"), "the copy is of a version-two store")
    #expect(try await Self.query(store, "PRAGMA integrity_check") == "ok\n")
  }

  @Test(.enabled(if: sqlite3 != nil, "the sqlite3 command is not installed (apt-get install sqlite3)"))
  func learningMigratesTheReleaseStoreAndKeepsItsAnswers() async throws {
    let store = try ReleaseStoreTests.copyOfStore()
    let attempts = try await Self.query(
      store, "SELECT employeeId, itemId, itemHash, score FROM drillAttempt ORDER BY id")
    // e-q chooses a passphrase (the release had none), then the end of input quits.
    let result = try await CoachBinary.running(
      ["learn", "--courses", CoachBinary.fixtures, "--store", store, "--employee", "e-q", "--seed", "7"],
      input: "\(CoachBinary.passphrase)\n\(CoachBinary.passphrase)\n")
    #expect(result.status == 0)
    let applied = try await Self.query(
      store, "SELECT identifier FROM grdb_migrations WHERE identifier LIKE 'v3-%'")
    #expect(
      Set(applied.split(separator: "\n")) == [
        "v3-add-drillAttempt-keyHash", "v3-add-beliefResponse-scaleHash", "v3-add-enrolment-courseVersion",
        "v3-create-drillPass",
      ])
    #expect(
      try await Self.query(store, "SELECT employeeId, itemId, itemHash, score FROM drillAttempt ORDER BY id")
        == attempts)
    #expect(
      try await Self.query(store, "SELECT COUNT(*) FROM drillAttempt WHERE keyHash IS NOT NULL") == "0\n")
    // The folder a release kept stays where it was, and is no longer written.
    #expect(
      try await Self.query(store, "SELECT COUNT(*) FROM enrolment WHERE source LIKE '%/courses/tiny'")
        == "15\n")
    #expect(
      try await Self.query(store, "SELECT courseVersion IS NOT NULL FROM enrolment WHERE employeeId = 'e-q'")
        == "1\n")
  }

  @Test func theJSONOutlineStaysOnStandardOutputAndThePreviewGoesToStandardError() async throws {
    let store = try ReleaseStoreTests.copyOfStore()
    let result = try await CoachBinary.running([
      "check", "--format", "json", CoachBinary.fixtures, "--store", store,
    ])
    #expect(result.status == 0)
    let outline = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect((outline?["courses"] as? [Any])?.count == 1)
    #expect(result.stderr.contains("tiny (Tiny Service): 15 employees"))
  }

  @Test func aMissingStoreOrABrokenCourseIsAnErrorThatSaysWhat() async throws {
    let missing = CoachBinary.temporaryStore()
    let result = try await CoachBinary.running(["check", CoachBinary.fixtures, "--store", missing])
    #expect(result.status == 1)
    #expect(result.stderr.contains("coach: \(missing): not a coach progress store (there is no file there)"))
    #expect(!FileManager.default.fileExists(atPath: missing), "no store was made")

    let broken = CoachBinary.fixtures.replacingOccurrences(of: "/courses", with: "/broken")
    let store = try ReleaseStoreTests.copyOfStore()
    let errors = try await CoachBinary.running(["check", broken, "--store", store])
    #expect(errors.status == 1)
    #expect(errors.stderr.contains("01-one.md:7:1: error:"))
    #expect(errors.stderr.contains("fix the errors above first"))
  }

  @Test func progressFindsACourseByItsIdAndSaysWhereItLooked() async throws {
    let store = try ReleaseStoreTests.copyOfStore()
    let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    // The store remembers no folder: from another folder, the default `courses` is not there.
    let lost = try await CoachBinary.running(
      ["progress", "--store", store, "--employee", "e-end"], environment: ["COACH_COURSES": ""],
      directory: elsewhere.path)
    #expect(lost.status == 1)
    let looked = elsewhere.appendingPathComponent("courses").standardizedFileURL.path
    #expect(
      lost.stderr.contains("coach: course 'tiny' is not in \(looked) (the courses folder from the default)"),
      "\(lost.stderr)")
    #expect(lost.stderr.contains("--courses DIR or COACH_COURSES"))
    let configured = try await CoachBinary.running(
      ["progress", "--store", store, "--employee", "e-end", "--format", "json"],
      environment: ["COACH_COURSES": CoachBinary.fixtures], directory: elsewhere.path)
    #expect(configured.status == 0, "\(configured.stderr)")
    #expect(configured.stdout.contains("\"title\" : \"Tiny Service\""))
    let given = try await CoachBinary.running(
      ["progress", "--store", store, "--employee", "e-end", "--courses", elsewhere.path],
      environment: ["COACH_COURSES": CoachBinary.fixtures])
    #expect(given.status == 1, "--courses comes first")
    #expect(given.stderr.contains("(the courses folder from --courses), which holds no courses"))
  }
}
