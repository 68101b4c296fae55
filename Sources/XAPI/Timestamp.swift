import Foundation

/// Times as statements carry them: ISO 8601 in UTC, to the millisecond that stores keep.
public enum Timestamp {
  /// `2026-05-04T09:30:12.345Z`: the date, the time to the millisecond, and the zone.
  public static func iso8601(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
    let (seconds, millis) = floorDivide(milliseconds, 1000)
    let (days, secondOfDay) = floorDivide(seconds, 86_400)
    let (year, month, day) = civil(fromDays: days)
    func pad(_ value: Int64, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
      + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))Z"
  }

  /// Reads `YYYY-MM-DD` (the start of that day in UTC) or an ISO 8601 time with a zone
  /// (`2026-05-04T09:30:00Z`, `2026-05-04T11:30:00+02:00`, seconds' fractions allowed).
  /// `nil` for anything else.
  public static func parse(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    func number(_ range: Range<Int>) -> Int64? {
      guard range.upperBound <= bytes.count else { return nil }
      var value: Int64 = 0
      for byte in bytes[range] {
        guard (0x30...0x39).contains(byte) else { return nil }
        value = value * 10 + Int64(byte - 0x30)
      }
      return value
    }
    guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D, let year = number(0..<4),
      let month = number(5..<7), let day = number(8..<10), (1...12).contains(month),
      (1...daysIn(month: month, year: year)).contains(day)
    else { return nil }
    var seconds = days(year: year, month: month, day: day) * 86_400
    if bytes.count == 10 { return Date(timeIntervalSince1970: Double(seconds)) }
    guard bytes.count >= 17, bytes[10] == 0x54 || bytes[10] == 0x74, bytes[13] == 0x3A,
      let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60
    else { return nil }
    var index = 16
    var second: Int64 = 0
    var fraction = 0.0
    if bytes[index] == 0x3A {
      guard let value = number(17..<19), value < 60 else { return nil }
      second = value
      index = 19
      if index < bytes.count, bytes[index] == 0x2E {
        var scale = 0.1
        index += 1
        let start = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
          fraction += Double(bytes[index] - 0x30) * scale
          scale /= 10
          index += 1
        }
        guard index > start else { return nil }
      }
    }
    seconds += hour * 3600 + minute * 60 + second
    guard index < bytes.count else { return nil }
    switch bytes[index] {
    case 0x5A, 0x7A:
      guard index + 1 == bytes.count else { return nil }
    case 0x2B, 0x2D:
      guard bytes.count == index + 6, bytes[index + 3] == 0x3A, let hours = number(index + 1..<index + 3),
        let minutes = number(index + 4..<index + 6), hours < 24, minutes < 60
      else { return nil }
      let offset = hours * 3600 + minutes * 60
      seconds += bytes[index] == 0x2B ? -offset : offset
    default: return nil
    }
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let q = a >= 0 ? a / b : -((-a + b - 1) / b)
    return (q, a - q * b)
  }

  private static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
  private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date of a day counted from 1970-01-01.
  private static func civil(fromDays z: Int64) -> (Int64, Int64, Int64) {
    let shifted = z + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
