import Foundation
import LearnerModel
import ProgressStoreSQLite

/// The hidden child mode: records answers one transaction each and, after each commit,
/// writes `ok EMPLOYEE ITEM ATTEMPT` to standard output with one unbuffered `write`.
///
/// A line on standard output therefore means "this answer was reported as saved".
enum ChildWriter {
  static let flag = "--child-writer"
  static let courseID = "stress-course"
  /// Answers cycle over this many items, so attempt numbers climb as retries do.
  static let itemCount = 10

  static func arguments(
    store: String, employee: String, answers: Int, durability: SQLiteProgressStore.Durability
  ) -> [String] {
    [flag, store, employee, String(answers), durability.rawValue]
  }

  static func run(arguments: [String]) async -> Int32 {
    guard arguments.count == 4, let answers = Int(arguments[2]),
      let durability = SQLiteProgressStore.Durability(rawValue: arguments[3])
    else {
      FileHandle.standardError.write(Data("child writer: bad arguments \(arguments)\n".utf8))
      return 64
    }
    let deadline = Date().addingTimeInterval(60)  // never outlive a lost parent for long
    do {
      let store = try await StressStore.child(arguments[0], durability: durability).open(arguments[0])
      let employee = try EmployeeID(arguments[1])
      try await store.saveEmployee(Employee(id: employee, name: "Stress \(employee)", cohort: "stress"))
      _ = try await store.enrol(employee, in: courseID, at: Date())
      let session = UUID().uuidString
      for n in 0..<answers where Date() < deadline {
        let item = ItemRef(
          courseID: courseID, moduleID: "m\(n % 3)", sectionID: "s\(n % 5)", itemID: "q\(n % itemCount)")
        let correct = n % 3 != 0
        let stored = try await store.recordAttempt(
          DrillAttempt(
            employee: employee, item: item, itemHash: "hash-\(n % itemCount)", response: "answer \(n)",
            score: correct ? 1 : 0.5, correct: correct, sessionID: session),
          bookmark: Bookmark(
            employee: employee, courseID: courseID, moduleID: item.moduleID, sectionID: item.sectionID,
            position: .question(item: item.itemID, retry: false)))
        let line = "ok \(employee) \(item.itemID) \(stored.attempt)\n"
        FileHandle.standardOutput.write(Data(line.utf8))
      }
      return 0
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      return 1
    }
  }
}

/// One answer a child reported as saved.
struct ReportedAnswer: Hashable {
  var employee: String
  var item: String
  var attempt: Int

  /// Parses the complete lines of a child's output; a last line cut by the kill is ignored.
  static func parse(_ output: String) -> [ReportedAnswer] {
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    lines.removeLast()  // the text after the last newline: empty, or a line cut short
    return lines.compactMap { line in
      let parts = line.split(separator: " ")
      guard parts.count == 4, parts[0] == "ok", let attempt = Int(parts[3]) else { return nil }
      return ReportedAnswer(employee: String(parts[1]), item: String(parts[2]), attempt: attempt)
    }
  }
}
