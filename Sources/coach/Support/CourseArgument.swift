import ArgumentParser
import CourseModel
import CourseParser
import Foundation

/// Reads the one course a command was given (a course folder or its `course.md`).
enum CourseArgument {
  /// The course at `path`. Errors in it are printed, every diagnostic on standard error,
  /// and end the command with exit status 1; a path that holds several courses (or none
  /// readable) is a usage error (exit 64).
  static func load(_ path: String) throws -> Course {
    let result = CourseLoader.load(paths: [path])
    if result.diagnostics.hasErrors {
      printDiagnostics(result.diagnostics)
      printError("coach: \(path) has errors; fix them (coach check \(path)) and try again")
      throw ExitCode.failure
    }
    guard result.courses.count == 1, let course = result.courses.first else {
      let ids = result.courses.map(\.id).joined(separator: ", ")
      throw usageError(
        "\(path) holds \(result.courses.count) courses (\(ids)); give one course folder or its course.md")
    }
    return course
  }

  /// Prints a usage problem found once the course is read (an unknown role, say) and
  /// returns the exit status 64 that `ValidationError` gives, without the usage text.
  static func usageError(_ message: String) -> ExitCode {
    printError("coach: \(message)")
    return ExitCode.validationFailure
  }

  /// Writes `text` to `path`; a failure is printed and ends the command with exit status 1.
  static func write(_ text: String, to path: String) throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      printError("coach: cannot write \(path): there is no folder \(folder)")
      throw ExitCode.failure
    }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      printError("coach: cannot write \(path): \(error.localizedDescription)")
      throw ExitCode.failure
    }
  }
}
