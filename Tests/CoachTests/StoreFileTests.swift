import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Store paths that cannot be used, and stores that are not safe, as the command line
/// reports them: one line that says why, and a nonzero exit.
@Suite(.serialized) struct StoreFileTests {
  let courses = CoachBinary.fixtures

  @Test func aRelativePathInAMissingFolderGetsOneLineNotACrash() throws {
    let relative = "nonexist-\(UUID().uuidString)/a.sqlite"
    let result = try CoachBinary.run(["progress", "--store", relative])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "coach: no progress store at \(relative): nothing has been recorded there (check the path; "
        + "coach learn creates the store)\n")
    #expect(!FileManager.default.fileExists(atPath: (relative as NSString).deletingLastPathComponent))
  }

  @Test func aServerAddressWithAPasswordIsRefusedAndThePasswordIsNeverPrinted() throws {
    for url in [
      "postgres://coach:s3cret@db.example:5432/coach", "postgresql://coach:s3cret@db.example/coach",
    ] {
      for command in ["progress", "learn"] {
        let result = try CoachBinary.run([command, "--store", url, "--courses", courses, "--employee", "e1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("a password in the URL"), "\(result.stderr)")
        #expect(result.stderr.contains("db.example"))
        #expect(!result.stderr.contains("s3cret") && !result.stderr.contains("coach:s3"))
        #expect(result.stderr.split(separator: "\n").count == 1)
      }
    }
  }

  @Test func anAddressOfAnotherKindIsNotAStoreAndItsPasswordIsNeverPrinted() throws {
    let result = try CoachBinary.run(
      ["progress", "--store", "mysql://coach:s3cret@db.example/coach", "--employee", "e1"])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "coach: mysql://db.example/coach: not a store coach can open; give the path of a store file or a "
        + "postgres:// URL\n")
  }

  @Test func aStoreOthersCanReadIsRefusedWithTheFix() throws {
    let store = CoachBinary.temporaryStore()
    let learner = try PipeLearner(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "e1", "--name", "E One", "--role",
        "frontline",
      ],
      outline: try Outline.load(courses))
    _ = learner.nextPrompt()
    learner.closeInput()
    learner.process.waitUntilExit()
    chmod(store, 0o644)
    for command in [["progress"], ["learn", "--courses", courses]] {
      let result = try CoachBinary.run(command + ["--store", store, "--employee", "e1"])
      #expect(result.status == 1)
      #expect(
        result.stderr
          == "coach: \(store): refused: the store can be read by every user of this machine (mode 0644); chmod o-rwx '\(store)'\n"
      )
    }
    let link = store + "-link"
    symlink(store, link)
    chmod(store, 0o600)
    let linked = try CoachBinary.run(["progress", "--store", link])
    #expect(linked.status == 1)
    #expect(linked.stderr.contains("is a symbolic link (to \(store)), which coach never follows"))
  }

  @Test(
    .enabled(if: PrivacyTests.hasSQLite, "the sqlite3 command is not installed (apt-get install sqlite3)"))
  func oneBadRowIsNamedAndTheReportStillPrints() throws {
    let store = CoachBinary.temporaryStore()
    let learner = try PipeLearner(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "e1", "--name", "E One", "--role",
        "frontline",
        "--seed", "3",
      ],
      outline: try Outline.load(courses))
    #expect(learner.runToEnd().status == 0)
    _ = try PrivacyTests.sqlite(
      store, "UPDATE beliefResponse SET ranking = '[\"Speed\", oops' WHERE ranking IS NOT NULL")
    let result = try CoachBinary.run(["progress", "--employee", "e1", "--store", store, "--courses", courses])
    #expect(result.status == 0)
    #expect(result.stderr.contains("skipped a stored record that cannot be read: belief response"))
    #expect(result.stderr.contains("(item greet-rank): its ranking is not a list of texts"))
    #expect(result.stdout.contains("Greeting"))
    #expect(result.stdout.contains("3/4"), "the other beliefs still count")
  }
}
