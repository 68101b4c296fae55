import CSV
import CourseModel
import Foundation
import LearnerModel

/// How a trainer's report is written.
public enum ReportFormat: String, Sendable, CaseIterable {
  /// Aligned columns for a terminal, at most 100 wide.
  case table
  /// RFC 4180: one header row, then one row per line of the report.
  case csv
  /// One JSON object (docs/reports.md lists its keys).
  case json
  /// One self-contained HTML page with charts drawn in inline SVG.
  case html
}

/// Where a report's text goes, piece by piece, so that long reports stream.
public typealias ReportSink = (String) -> Void

/// Styles for the table format: bold and colour only when asked (on a terminal).
struct TableStyle {
  var color: Bool

  func bold(_ text: String) -> String { color ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }
  func dim(_ text: String) -> String { color ? "\u{1B}[2m" + text + "\u{1B}[0m" : text }
  func good(_ text: String) -> String { color ? "\u{1B}[32m" + text + "\u{1B}[0m" : text }
  func bad(_ text: String) -> String { color ? "\u{1B}[31m" + text + "\u{1B}[0m" : text }
}

/// Fixed-width columns for the table format.
struct TextColumns {
  var widths: [Int]
  /// Columns aligned to the right (numbers).
  var right: Set<Int> = []

  /// One line: each cell cut with `~` to its width, padded, one space between columns.
  func line(_ cells: [String], style: (Int, String) -> String = { $1 }) -> String {
    var out = ""
    for (i, width) in widths.enumerated() {
      let text = i < cells.count ? cells[i] : ""
      let cut = text.count > width ? String(text.prefix(max(width - 1, 0))) + "~" : text
      let pad = String(repeating: " ", count: max(0, width - cut.count))
      let cell = right.contains(i) ? pad + cut : cut + (i == widths.count - 1 ? "" : pad)
      out += (i == 0 ? "" : " ") + style(i, cell)
    }
    while out.hasSuffix(" ") { out.removeLast() }
    return out
  }
}

/// Word wrapping for the table format's prose lines.
enum Wrap {
  /// `text` in lines of at most `width` characters, later lines indented by `indent`.
  static func lines(_ text: String, width: Int = 100, indent: Int = 4) -> String {
    var lines: [String] = []
    let lead = String(text.prefix { $0 == " " })
    var line = lead
    for word in text.dropFirst(lead.count).split(separator: " ", omittingEmptySubsequences: false) {
      let candidate = line.count == lead.count ? line + word : line + " " + word
      if candidate.count > width && line.count > lead.count {
        lines.append(line)
        line = String(repeating: " ", count: indent) + word
      } else {
        line = candidate
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Writes CSV rows with CSV.swift's writer: fields with a comma, a quote or a line break
/// are quoted, quotes doubled, rows end with CRLF (RFC 4180).
struct CSVRows {
  static func row(_ fields: [String]) -> String {
    let stream = OutputStream(toMemory: ())
    guard let writer = try? CSVWriter(stream: stream, newline: .crlf) else { return "" }
    try? writer.write(row: fields)
    writer.stream.close()
    let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\r\n"
  }
}

/// JSON pieces written by hand around values encoded by `JSONEncoder`, so that long
/// reports stream row by row.
enum JSONText {
  static func encode<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
  }
}

/// Dates and figures as every report shows them.
enum Shown {
  static func day(_ date: Date?) -> String { date.map(StoredTime.day) ?? "-" }

  static func percent(_ value: Double?) -> String {
    value.map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
  }

  static func number(_ value: Double?, digits: Int = 2) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(format: "%.\(digits)f", value)
  }
}

extension ReportScope {
  /// The scope of a course as it is now: its questions, and its belief items each with
  /// the scale of its first place.
  public init(course: Course) {
    var questions: [ScopeQuestion] = []
    var beliefs: [String: (first: BeliefItem, places: Int, hashes: [String])] = [:]
    var order: [String] = []
    for module in course.modules {
      for section in module.sections {
        switch section.content {
        case .drill(_, let items):
          questions += items.map {
            ScopeQuestion(
              itemID: $0.id, moduleID: module.id, sectionID: section.id, keyHash: $0.answerKeyHash,
              contentHash: $0.contentHash)
          }
        case .beliefs(_, let items):
          for item in items {
            if var known = beliefs[item.id] {
              known.places += 1
              if item.scaleHash == known.first.scaleHash { known.hashes.append(item.contentHash) }
              beliefs[item.id] = known
            } else {
              beliefs[item.id] = (item, 1, [item.contentHash])
              order.append(item.id)
            }
          }
        case .lesson, .creed: break
        }
      }
    }
    self.init(
      courseID: course.id, questions: questions,
      beliefs: order.map { id in
        let (item, places, hashes) = beliefs[id]!
        let kind: BeliefResponse.Kind =
          switch item.kind {
          case .agree: .agree
          case .rate: .rate
          case .reflect: .reflect
          case .rank: .rank
          }
        return ScopeBelief(
          itemID: id, kind: kind, repeated: places > 1, scaleHash: item.scaleHash,
          legacyCountsAll: item.kind == .agree, legacyItemHashes: hashes)
      })
  }
}
