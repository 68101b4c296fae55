import CourseModel
import Foundation
import Testing

@testable import ProgressStore

@Test func inMemoryStoreRecordsAnAttempt() throws {
  let store = try SQLiteProgressStore.inMemory()
  let id = try EmployeeID("ada")
  try store.saveEmployee(Employee(id: id, name: "Ada"))
  let item = ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: "q1")
  let first = try store.recordAttempt(
    DrillAttempt(employee: id, item: item, itemHash: "h", response: "b", score: 0, correct: false, sessionID: "s1"),
    bookmark: nil)
  let second = try store.recordAttempt(
    DrillAttempt(employee: id, item: item, itemHash: "h", response: "a", score: 1, correct: true, sessionID: "s1"),
    bookmark: nil)
  #expect(first.attempt == 1)
  #expect(second.attempt == 2)
  #expect(try store.history(of: id, in: "c").attempts == [first, second])
}
