import CSV
import Foundation
import LearnerModel

/// A roster: a CSV file (RFC 4180, UTF-8 with or without a byte order mark) whose header
/// row names at least the columns `id`, `name`, `role` and `cohort`, in any order. Any
/// other column (email, manager, ...) is kept with the employee. Fields are read without
/// their surrounding spaces; an empty role or cohort means none; blank lines are skipped.
public enum RosterFile {
  /// The columns every roster has.
  public static let required = ["id", "name", "role", "cohort"]

  /// Reads a roster's bytes.
  /// - Parameters:
  ///   - data: The file's contents.
  ///   - file: The path, for error messages.
  /// - Returns: One employee per data row, in file order, with the roster's extra columns.
  /// - Throws: ``RosterError`` naming the line and column of the first problem.
  public static func read(_ data: Data, file: String) throws(RosterError) -> [Employee] {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let text = String(data: bytes, encoding: .utf8) else { throw notUTF8(bytes, file: file) }
    let layout = try CSVLayout(text, file: file)
    let rows = try fields(of: text, file: file)
    guard rows.count == layout.records.count else {
      throw RosterError(
        file: file, line: 1, column: 1,
        message: "the file reads as \(rows.count) records but has \(layout.records.count); is it a CSV file?")
    }
    var records = zip(rows, layout.records).filter { !($0.0 == [""]) }
    guard !records.isEmpty else {
      throw RosterError(
        file: file, line: 1, column: 1,
        message: "the roster is empty; its first line must name the columns: id,name,role,cohort")
    }
    let (header, headerPlaces) = records.removeFirst()
    let columns = try self.columns(header.map(trim), at: headerPlaces, file: file)
    var employees: [Employee] = []
    var seen: [EmployeeID: Int] = [:]
    for (fields, places) in records {
      let line = places[0].line
      guard fields.count == header.count else {
        let place = fields.count > header.count ? places[header.count] : places[places.count - 1]
        throw RosterError(
          file: file, line: place.line, column: place.column,
          message:
            "this row has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header has \(header.count) "
            + "(\(header.map(trim).joined(separator: ",")))")
      }
      func problem(_ column: Int, _ message: String) -> RosterError {
        RosterError(
          file: file, line: places[column].line, column: places[column].column,
          message: "column \(column + 1) (\(trim(header[column]))): \(message)")
      }
      let rawID = trim(fields[columns.id])
      let id: EmployeeID
      do {
        id = try EmployeeID(rawID)
      } catch {
        throw problem(columns.id, "invalid employee id \"\(rawID.prefix(64))\": \(error.reason)")
      }
      if let earlier = seen[id] {
        throw problem(columns.id, "the employee \(id) is already on line \(earlier)")
      }
      seen[id] = line
      let name = trim(fields[columns.name])
      if name.isEmpty { throw problem(columns.name, "the employee \(id) has no name") }
      let role = trim(fields[columns.role])
      let cohort = trim(fields[columns.cohort])
      let extra = columns.extra.map { RosterField(name: trim(header[$0]), value: trim(fields[$0])) }
      employees.append(
        Employee(
          id: id, name: name, role: role.isEmpty ? nil : role, cohort: cohort.isEmpty ? nil : cohort,
          rosterFields: extra))
    }
    return employees
  }

  /// Every record's fields, read by CSV.swift.
  private static func fields(of text: String, file: String) throws(RosterError) -> [[String]] {
    do {
      let reader = try CSVReader(stream: InputStream(data: Data(text.utf8)))
      var rows: [[String]] = []
      while let row = reader.next() { rows.append(row) }
      if let error = reader.error { throw error }
      return rows
    } catch {
      throw RosterError(file: file, line: 1, column: 1, message: "cannot read the file as CSV: \(error)")
    }
  }

  private struct Columns {
    var id: Int
    var name: Int
    var role: Int
    var cohort: Int
    var extra: [Int]
  }

  private static func columns(_ names: [String], at places: [CSVLayout.Position], file: String)
    throws(RosterError) -> Columns
  {
    var index: [String: Int] = [:]
    for (n, name) in names.enumerated() {
      let key = name.lowercased()
      func fail(_ message: String) -> RosterError {
        RosterError(file: file, line: places[n].line, column: places[n].column, message: message)
      }
      if key.isEmpty { throw fail("column \(n + 1) of the header has no name") }
      if index[key] != nil { throw fail("the header names the column \(name) twice") }
      index[key] = n
    }
    let missing = required.filter { index[$0] == nil }
    if !missing.isEmpty {
      throw RosterError(
        file: file, line: places[0].line, column: 1,
        message: "the header has no column \(missing.joined(separator: ", ")); a roster's first line names "
          + "its columns, at least: id,name,role,cohort (found: \(names.joined(separator: ",")))")
    }
    let known = Set(required.compactMap { index[$0] })
    return Columns(
      id: index["id"]!, name: index["name"]!, role: index["role"]!, cohort: index["cohort"]!,
      extra: names.indices.filter { !known.contains($0) })
  }

  private static func trim(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces) }

  /// The place of the first byte that is not UTF-8.
  private static func notUTF8(_ bytes: Data, file: String) -> RosterError {
    var line = 1
    var lineStart = bytes.startIndex
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let valid = (1...4).contains { length in
        index + length <= bytes.endIndex
          && String(data: bytes[index..<(index + length)], encoding: .utf8) != nil
      }
      if !valid { break }
      let length =
        (1...4).first { String(data: bytes[index..<min(index + $0, bytes.endIndex)], encoding: .utf8) != nil }
        ?? 1
      if bytes[index] == 0x0A {
        line += 1
        lineStart = index + 1
      }
      index += length
    }
    let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
    return RosterError(
      file: file, line: line, column: column,
      message:
        "the file is not UTF-8 text; save the roster as CSV UTF-8 (a spreadsheet's \"CSV UTF-8\" format)")
  }
}
