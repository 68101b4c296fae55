import Foundation
import LearnerModel
import Rosters
import Testing

@Suite("Roster files") struct RosterFileTests {
  func read(_ text: String) throws(RosterError) -> [Employee] {
    try RosterFile.read(Data(text.utf8), file: "roster.csv")
  }

  @Test("the four columns in any order, extra columns kept in order, BOM and CRLF")
  func columns() throws {
    let employees = try read(
      "\u{FEFF}name,Cohort,id,email,role,manager\r\nAda Lovelace,spring,E1,ada@example.com,frontline,Bob\r\n"
        + "\"Lee, Sam\",,E2,\"sam \"\"s\"\"@example.com\",,\r\n")
    #expect(employees.map(\.id.rawValue) == ["E1", "E2"])
    #expect(employees[0].cohort == "spring" && employees[0].role == "frontline")
    #expect(
      employees[0].rosterFields == [
        RosterField(name: "email", value: "ada@example.com"), RosterField(name: "manager", value: "Bob"),
      ])
    #expect(employees[1].name == "Lee, Sam" && employees[1].role == nil && employees[1].cohort == nil)
    #expect(employees[1].rosterField("email") == "sam \"s\"@example.com")
  }

  @Test("a quoted line break stays in its field, and later lines are counted right")
  func quotedLineBreak() throws {
    let text =
      "id,name,role,cohort,note\nE1,Ada,frontline,a,\"two\nlines\"\nE2,Bob,frontline,a,x\nE3,,frontline,a,y\n"
    #expect(
      throws: RosterError(
        file: "roster.csv", line: 5, column: 4, message: "column 2 (name): the employee E3 has no name")
    ) {
      try read(text)
    }
    let good = try read(String(text.dropLast(20)))
    #expect(good[0].rosterField("note") == "two\nlines")
  }

  @Test(
    "every problem names its line and column",
    arguments: [
      ("id,name,role\nE1,Ada,x\n", 1, 1, "no column cohort"),
      ("id,name,role,cohort\nE 1,Ada,x,y\n", 2, 1, "column 1 (id): invalid employee id \"E 1\""),
      ("id,name,role,cohort\nE1,Ada,x,y\nE1,Bo,x,y\n", 3, 1, "already on line 2"),
      ("id,name,role,cohort\nE1,Ada,x\n", 2, 8, "this row has 3 fields; the header has 4"),
      ("id,name,role,cohort\nE1,Ada,x,y,z\n", 2, 12, "this row has 5 fields"),
      ("id,name,role,cohort\nE1,\"Ada,x,y\n", 2, 4, "never closed"),
      ("id,name,role,cohort\nE1,\"Ada\"x,x,y\n", 2, 9, "text after the closing quote"),
      ("id,name,role,cohort\nE1,Ad\"a,x,y\n", 2, 6, "a quote inside a field"),
      ("id,name,id,cohort\n", 1, 9, "names the column id twice"),
      ("", 1, 1, "the roster is empty"),
    ])
  func problems(_ text: String, _ line: Int, _ column: Int, _ message: String) {
    do {
      _ = try read(text)
      Issue.record("no error for \(text.debugDescription)")
    } catch {
      #expect(error.line == line && error.column == column, "\(error)")
      #expect(error.message.contains(message), "\(error)")
      #expect(error.description.hasPrefix("roster.csv:\(line):\(column): error: "))
    }
  }

  @Test("bytes that are not UTF-8 are named by line")
  func notUTF8() {
    var data = Data("id,name,role,cohort\nE1,Ad".utf8)
    data.append(0xE9)
    data.append(contentsOf: Array("a,x,y\n".utf8))
    #expect(throws: RosterError.self) { try RosterFile.read(data, file: "r.csv") }
    do { _ = try RosterFile.read(data, file: "r.csv") } catch {
      #expect(error.line == 2 && error.column == 6, "\(error)")
    }
  }
}
