import ArgumentParser
import Foundation

/// `--courses DIR`: the folder of course folders, where courses are found by id.
struct CourseFolderOptions: ParsableArguments {
  @Option(
    name: .customLong("courses"),
    help: ArgumentHelp(
      "A folder of course folders, where each course is found by its id. Default: $COACH_COURSES, else courses.",
      valueName: "dir"))
  var given: String?

  /// `--courses`, else `$COACH_COURSES`, else `courses`.
  var path: String { Self.resolve(given: given, environment: ProcessInfo.processInfo.environment).path }

  /// Where the folder came from, for messages: "--courses", "$COACH_COURSES" or "the default".
  var origin: String { Self.resolve(given: given, environment: ProcessInfo.processInfo.environment).origin }

  static func resolve(given: String?, environment: [String: String]) -> (path: String, origin: String) {
    if let given, !given.isEmpty { return (given, "--courses") }
    if let configured = environment["COACH_COURSES"], !configured.isEmpty {
      return (configured, "$COACH_COURSES")
    }
    return ("courses", "the default")
  }
}
