import Foundation
import GRDB
import LearnerModel

/// How the store writes times: UTC text `YYYY-MM-DD HH:MM:SS.SSS`, the format GRDB and
/// SQLite's date functions read, kept to the millisecond (earlier times round down).
///
/// Formatting is plain arithmetic: Foundation's `DateFormatter` cost more than the
/// SQLite insert it served. Parsing is the exact inverse, so a time reads back as
/// ``SQLiteProgressStore/stored(_:)`` says it will.
enum StoredDate {
  static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
  }

  static func date(milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000)
  }

  static func text(_ date: Date) -> String {
    let ms = milliseconds(date)
    let (days, msOfDay) = ms.quotientAndRemainder(dividingBy: 86_400_000)
    let (d, t) = msOfDay < 0 ? (days - 1, msOfDay + 86_400_000) : (days, msOfDay)
    let (year, month, day) = civil(fromDays: d)
    var out = [UInt8]()
    out.reserveCapacity(23)
    func put(_ value: Int64, _ width: Int) {
      var digits = [UInt8](repeating: 48, count: width)
      var v = value
      for i in stride(from: width - 1, through: 0, by: -1) {
        digits[i] = 48 + UInt8(v % 10)
        v /= 10
      }
      out += digits
    }
    put(year, 4); out.append(45); put(month, 2); out.append(45); put(day, 2); out.append(32)
    put(t / 3_600_000, 2); out.append(58); put(t / 60_000 % 60, 2); out.append(58)
    put(t / 1000 % 60, 2); out.append(46); put(t % 1000, 3)
    return String(decoding: out, as: UTF8.self)
  }

  /// Reads a stored time: the store's own format, else any format GRDB reads.
  static func read(_ text: String) throws(RowError) -> Date {
    if let date = parse(text) ?? Date.fromDatabaseValue(text.databaseValue) { return date }
    throw RowError("unreadable time \"\(text.prefix(40))\"")
  }

  /// Parses what ``text(_:)`` writes; `nil` for anything else.
  static func parse(_ text: String) -> Date? {
    let b = Array(text.utf8)
    guard b.count == 23, b[4] == 45, b[7] == 45, b[10] == 32, b[13] == 58, b[16] == 58, b[19] == 46
    else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
      var v: Int64 = 0
      for i in range {
        guard (48...57).contains(b[i]) else { return nil }
        v = v * 10 + Int64(b[i] - 48)
      }
      return v
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      let ms = number(20..<23), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    let days = daysFromCivil(year, month, day)
    return date(milliseconds: ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms)
  }

  // Howard Hinnant's algorithms between days since 1970-01-01 and the civil calendar.
  private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  private static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
