import Foundation
import Testing

/// `--store` and `COACH_STORE` pick the store: a `postgres://` URL is PostgreSQL, anything
/// else an SQLite file; a password never comes from the command line.
@Suite struct StoreChoiceTests {
  let courses = CoachBinary.fixtures

  @Test func aPasswordInTheURLIsRefusedWithoutBeingShown() throws {
    for arguments in [["--store", "postgres://ada:Sekrit-42@127.0.0.1:1/coach"], []] {
      let result = try CoachBinary.run(
        ["progress"] + arguments, environment: ["COACH_STORE": "postgres://ada:Sekrit-42@127.0.0.1:1/coach"])
      #expect(result.status == 1)
      #expect(result.stderr.contains("PGPASSWORD") && result.stderr.contains("~/.pgpass"), "\(result.stderr)")
      #expect(!result.stderr.contains("Sekrit-42") && !result.stdout.contains("Sekrit-42"))
    }
  }

  @Test func anUnreachableServerIsAClearErrorBeforeAnythingStarts() throws {
    let result = try CoachBinary.run(
      ["learn", "--courses", courses, "--store", "postgres://ada@127.0.0.1:1/coach", "--employee", "e1"])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("postgres://ada@127.0.0.1:1/coach: the progress store cannot be reached"),
      "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test(.postgres) func aURLInCOACH_STOREIsThePostgreSQLStore() throws {
    let store = try TestPostgres.newStore()
    defer { TestPostgres.drop(store) }
    let result = try CoachBinary.run(
      ["learn", "--courses", courses, "--employee", "e5", "--name", "Kai", "--role", "frontline"],
      input: "\(CoachBinary.passphrase)\n\(CoachBinary.passphrase)\n4\n", environment: ["COACH_STORE": store])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try TestPostgres.sql("SELECT employeeid, point FROM beliefresponse", in: store) == ["e5|4"])
  }
}
