import ArgumentParser
import Foundation
import Review

/// `--retention R`, the spaced-review setting, and the hidden `--now TIME` (for testing
/// only): the scheduler and the clock of the commands that show what is due for review.
struct ScheduleOptions: ParsableArguments {
  @Option(
    name: .customLong("retention"),
    help: ArgumentHelp(
      "The estimated chance of recall at which a drill question falls due for review, from 0.7 to 0.99 "
        + "(higher means more frequent reviews). Default: $COACH_RETENTION, else 0.9.",
      valueName: "r"))
  var retention: String?

  @Option(
    name: .customLong("now"),
    help: ArgumentHelp(
      "For testing only: run as if the time were this (ISO 8601, e.g. 2026-03-01T09:00:00Z, or a date); "
        + "the clock runs on from there. Default: $COACH_NOW, else the real time.",
      valueName: "time", visibility: .hidden))
  var now: String?

  func validate() throws {
    _ = try scheduler()
    _ = try start()
  }

  /// The scheduler with the desired retention of `--retention`, else `$COACH_RETENTION`,
  /// else 0.9.
  /// - Throws: `ValidationError` naming the setting and the value when it is not a number
  ///   from 0.7 to 0.99.
  func scheduler(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FSRS {
    let given = Self.setting(retention, "--retention", environment["COACH_RETENTION"], "COACH_RETENTION")
    guard let (text, origin) = given else { return .default }
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
      throw ValidationError(
        "\(origin) \"\(text.prefix(40))\" is not a number: give the desired retention as a decimal from 0.7 "
          + "to 0.99, e.g. 0.9")
    }
    do {
      return try FSRS(desiredRetention: value)
    } catch {
      throw ValidationError("\(origin) \(text): \(error.description)")
    }
  }

  /// The time `--now` (else `$COACH_NOW`) names; `nil` for the real clock.
  func start(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date? {
    guard let (text, origin) = Self.setting(now, "--now", environment["COACH_NOW"], "COACH_NOW") else {
      return nil
    }
    guard let date = Self.parseTime(text.trimmingCharacters(in: .whitespaces)) else {
      throw ValidationError(
        "\(origin) \"\(text.prefix(40))\" is not a time: use ISO 8601, e.g. 2026-03-01T09:00:00Z, "
          + "or a date such as 2026-03-01 (midnight UTC)")
    }
    return date
  }

  /// The command's clock: the real time, or (for tests) the time `--now` names, running on
  /// from there as the command runs.
  func clock() throws -> @Sendable () -> Date {
    guard let start = try start() else { return { Date() } }
    let began = ContinuousClock.now
    return { start.addingTimeInterval(Self.seconds(ContinuousClock.now - began)) }
  }

  static func seconds(_ duration: Duration) -> TimeInterval {
    let parts = duration.components
    return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
  }

  /// The option's value when given, else the environment's; empty values count as unset.
  static func setting(_ option: String?, _ optionName: String, _ variable: String?, _ variableName: String)
    -> (text: String, origin: String)?
  {
    if let option, !option.isEmpty { return (option, optionName) }
    if let variable, !variable.isEmpty { return (variable, "$" + variableName) }
    return nil
  }

  /// ISO 8601 with or without fractional seconds and with a zone, or a date alone (UTC).
  static func parseTime(_ text: String) -> Date? {
    let full = ISO8601DateFormatter()
    full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    let day = ISO8601DateFormatter()
    day.formatOptions = [.withFullDate]
    day.timeZone = TimeZone(identifier: "UTC")
    return full.date(from: text) ?? plain.date(from: text) ?? (text.count == 10 ? day.date(from: text) : nil)
  }
}
