import Foundation
import Testing

/// `coach export gift` and `coach workbook` run as a trainer runs them.
@Suite(.timeLimit(.minutes(2))) struct ExportCommandTests {
  static let specials = CoachBinary.root.appendingPathComponent("Tests/ExportsTests/Fixtures/specials").path
  static let golden = CoachBinary.root.appendingPathComponent("Tests/ExportsTests/Golden/specials.gift")
  static let broken = CoachBinary.root.appendingPathComponent("Tests/CoachTests/Fixtures/broken/bad").path

  func temporaryFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.path
  }

  @Test func giftGoesToStandardOutputAndNamesEachQuestionLeftOut() throws {
    let result = try CoachBinary.run(["export", "gift", Self.specials])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == (try String(contentsOf: Self.golden, encoding: .utf8)))
    let notes = result.stderr.split(separator: "\n").filter { $0.contains(": note: left out '") }
    #expect(notes.count == 5)
    for id in ["order-steps", "match-two", "one-choice", "eleven-right", "short-arrow"] {
      #expect(notes.contains { $0.contains("01-every-kind.md:") && $0.contains("'\(id)'") }, "\(id)")
    }
    #expect(result.stderr.hasSuffix("coach: wrote 6 questions of specials to standard output (5 left out)\n"))
  }

  @Test func giftGoesToAFileGivenWithO() throws {
    let file = try temporaryFolder() + "/questions.gift"
    let result = try CoachBinary.run(["export", "gift", Self.specials + "/course.md", "-o", file])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(
      try String(contentsOfFile: file, encoding: .utf8) == String(contentsOf: Self.golden, encoding: .utf8))
    #expect(result.stderr.contains("coach: wrote 6 questions of specials to \(file) (5 left out)"))
  }

  @Test func aCourseWithErrorsIsNotExported() throws {
    let file = try temporaryFolder() + "/questions.gift"
    let result = try CoachBinary.run(["export", "gift", Self.broken, "-o", file])
    #expect(result.status == 1)
    #expect(result.stderr.contains("01-one.md:7:1: error: no choice is marked right"))
    #expect(result.stderr.contains("has errors"))
    #expect(!FileManager.default.fileExists(atPath: file))
    let workbook = try CoachBinary.run(["workbook", Self.broken, "-o", file + ".html"])
    #expect(workbook.status == 1)
    #expect(!FileManager.default.fileExists(atPath: file + ".html"))
  }

  @Test func aFolderOfSeveralCoursesIsAUsageError() throws {
    let folder = try temporaryFolder()
    for id in ["one", "two"] {
      try FileManager.default.createDirectory(atPath: folder + "/" + id, withIntermediateDirectories: true)
      try "# \(id)\n\n1. [M](m.md)\n".write(
        toFile: folder + "/\(id)/course.md", atomically: true, encoding: .utf8)
      try "# M\n\n## Lesson: L\n\nText.\n".write(
        toFile: folder + "/\(id)/m.md", atomically: true, encoding: .utf8)
    }
    let result = try CoachBinary.run(["export", "gift", folder])
    #expect(result.status == 64)
    #expect(result.stderr.contains("holds 2 courses (one, two); give one course folder"))
  }

  @Test func theWorkbookIsWrittenForTheEditionAndRoleAsked() throws {
    let file = try temporaryFolder() + "/workbook.html"
    let result = try CoachBinary.run([
      "workbook", Self.specials, "--role", "manager", "--edition", "facilitator", "-o", file,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr == "coach: facilitator workbook of specials (2 modules) written to \(file)\n")
    let html = try String(contentsOfFile: file, encoding: .utf8)
    #expect(html.contains("Facilitator note"))
    #expect(html.contains("MANAGERS-OVERVIEW"))
    let learner = try CoachBinary.run(["workbook", Self.specials, "--role", "frontline", "-o", file])
    #expect(learner.status == 0, "\(learner.stderr)")
    let printed = try String(contentsOfFile: file, encoding: .utf8)
    #expect(!printed.contains("Facilitator note"))
    #expect(!printed.contains("MANAGERS-OVERVIEW"))
  }

  @Test func badWorkbookArgumentsExitWithUsageStatus() throws {
    let file = try temporaryFolder() + "/workbook.html"
    let role = try CoachBinary.run(["workbook", Self.specials, "--role", "boss", "-o", file])
    #expect(role.status == 64)
    #expect(role.stderr.contains("no role 'boss'; its roles are frontline, manager"))
    #expect(!FileManager.default.fileExists(atPath: file))
    let edition = try CoachBinary.run(["workbook", Self.specials, "--edition", "teacher", "-o", file])
    #expect(edition.status == 64)
    #expect(edition.stderr.contains("'learner' and 'facilitator'"))
    let noOutput = try CoachBinary.run(["workbook", Self.specials])
    #expect(noOutput.status == 64)
    #expect(noOutput.stderr.contains("--output"))
    let noFolder = try CoachBinary.run(["workbook", Self.specials, "-o", "/nonexistent-coach-folder/w.html"])
    #expect(noFolder.status == 1)
    #expect(noFolder.stderr.contains("there is no folder /nonexistent-coach-folder"))
  }
}
