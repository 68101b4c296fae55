import Foundation
import LearnerModel
import Printing

/// `coach roster list`: the employees on the roster, by id, with the roster's extra
/// columns, read from the store a page at a time.
public struct RosterListing: Sendable {
  public var cohort: String?
  public var pageSize: Int

  public init(cohort: String? = nil, pageSize: Int = 500) {
    self.cohort = cohort
    self.pageSize = pageSize
  }

  /// Every page of the listing, in order.
  func pages(_ store: any ProgressStore, _ body: ([Employee]) -> Void) async throws(ProgressStoreError) {
    var after: EmployeeID?
    while true {
      let page = try await store.employees(
        EmployeeQuery(cohort: cohort, onRosterOnly: true, after: after, limit: pageSize))
      body(page)
      guard page.count == pageSize, let last = page.last else { return }
      after = last.id
    }
  }

  /// Writes the listing; returns how many employees it lists.
  @discardableResult
  public func write(
    _ format: ReportFormat, color: Bool = false, from store: any ProgressStore, to sink: ReportSink
  )
    async throws(ProgressStoreError) -> Int
  {
    // The extra columns of every employee listed, in the order first seen (one pass of
    // ids and columns only).
    var extra: [String] = []
    var seen = Set<String>()
    try await pages(store) { page in
      for employee in page {
        for field in employee.rosterFields where seen.insert(field.name).inserted { extra.append(field.name) }
      }
    }
    let style = TableStyle(color: color)
    let columns = TextColumns(widths: [12, 24, 12, 14, 35])
    var count = 0
    switch format {
    case .table:
      sink(
        style.bold(columns.line(["ID", "Name", "Role", "Cohort", extra.isEmpty ? "" : "Other columns"]))
          + "\n")
    case .csv: sink(CSVRows.row(["id", "name", "role", "cohort"] + extra))
    case .json: sink("{\"employees\":[")
    case .html:
      sink(
        HTMLReport(title: "Roster", subtitle: cohort.map { "cohort \($0)" } ?? "every cohort").head
          + "<table>\n")
    }
    try await pages(store) { page in
      for employee in page {
        let values = extra.map { employee.rosterField($0) ?? "" }
        switch format {
        case .table:
          let others = employee.rosterFields.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
          sink(
            columns.line([
              employee.id.rawValue, employee.name, employee.role ?? "-", employee.cohort ?? "-", others,
            ]) + "\n")
        case .csv:
          sink(
            CSVRows.row(
              [employee.id.rawValue, employee.name, employee.role ?? "", employee.cohort ?? ""] + values))
        case .json:
          struct Entry: Encodable {
            var id: String
            var name: String
            var role: String?
            var cohort: String?
            var rosterImported: String?
            var columns: [String: String]
          }
          let entry = Entry(
            id: employee.id.rawValue, name: employee.name, role: employee.role, cohort: employee.cohort,
            rosterImported: employee.rosterImported.map(StoredTime.day),
            columns: Dictionary(
              employee.rosterFields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
          sink((count == 0 ? "\n" : ",\n") + JSONText.encode(entry))
        case .html:
          let cells =
            [employee.id.rawValue, employee.name, employee.role ?? "-", employee.cohort ?? "-"] + values
          sink("<tr>" + cells.map { "<td>" + Printing.HTML.escape($0) + "</td>" }.joined() + "</tr>\n")
        }
        count += 1
      }
    }
    switch format {
    case .table: sink("\n\(count) employee\(count == 1 ? "" : "s") on the roster\n")
    case .csv: break
    case .json: sink((count == 0 ? "" : "\n") + "]}\n")
    case .html:
      sink(
        "</table>\n"
          + HTMLReport(title: "Roster", subtitle: "").tail(
            summary: "<p>\(count) employees on the roster.</p>\n"))
    }
    return count
  }
}
