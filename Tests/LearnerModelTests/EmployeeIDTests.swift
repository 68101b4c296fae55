import LearnerModel
import Testing

@Suite struct EmployeeIDTests {
  @Test(arguments: [
    ("ada lovelace", EmployeeID.Invalid.character(" "), "a space is not allowed"),
    ("ada/../../etc", .character("/"), "'/' is not allowed"),
    ("ada;DROP", .character(";"), "';' is not allowed"),
    ("tab\there", .character("\t"), "U+9 is not allowed"),
    ("", .empty, "cannot be empty"),
    (String(repeating: "a", count: 129), .tooLong(characters: 129), "at most 128"),
    ("émile", .character("é"), "'é' is not allowed"),
  ])
  func badIDsAreRefusedWithTheReason(raw: String, expected: EmployeeID.Invalid, reason: String) {
    #expect(throws: expected) { _ = try EmployeeID(raw) }
    #expect(expected.reason.contains(reason), "\(expected.reason)")
  }

  @Test func goodIDsAreAccepted() throws {
    for raw in ["E12345", "ada.lovelace", "a_b-c", "ada@example.com", String(repeating: "9", count: 128)] {
      #expect(try EmployeeID(raw).rawValue == raw)
    }
  }
}
