import CourseModel
import Foundation

/// The courses read from some paths, and every problem found on the way.
public struct LoadResult: Sendable {
  public var courses: [Course]
  /// In the order the files were read; within a file, by line and column.
  public var diagnostics: [Diagnostic]
  /// The blocks each module file was parsed into, when the load was asked to keep them
  /// (``CourseLoader/load(paths:keepingParseTrees:)``): freed with the result, not before.
  var parseTrees: [[Block]] = []

  public init(courses: [Course] = [], diagnostics: [Diagnostic] = []) {
    self.courses = courses
    self.diagnostics = diagnostics
  }
}

/// Finds and reads courses.
public enum CourseLoader {
  /// Reads every course that `paths` name.
  ///
  /// A path is a course folder (it holds `course.md`), a folder of course folders, or a
  /// `course.md`. A missing path, a folder with no course in it, or any other file is an
  /// error diagnostic; loading never throws and never stops at the first problem. A
  /// folder named twice is read once. Progress is kept by course id, so a second course
  /// with an id already taken is an error and is left out.
  ///
  /// - Parameter keepingParseTrees: keep the blocks each module file was parsed into in the
  ///   result, instead of freeing them, block by block, as each module is done with them:
  ///   for a command that keeps the result until it exits (`coach check`), where that
  ///   freeing costs a twentieth of the load. Other callers leave it `false`.
  public static func load(paths: [String], keepingParseTrees: Bool = false) -> LoadResult {
    var result = LoadResult()
    var folders: Set<String> = []
    var courseIDs: [String: SourceLocation] = [:]
    for path in paths {
      for folder in courseFolders(path, diagnostics: &result.diagnostics) {
        let resolved = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
        guard folders.insert(resolved).inserted else { continue }
        var reader = CourseReader(folder: folder, keepingParseTrees: keepingParseTrees)
        if let course = reader.read() {
          if let earlier = courseIDs[course.id] {
            reader.diagnostics.append(
              Diagnostic(
                .error, reader.idLocation,
                "duplicate course id '\(course.id)': first used at \(earlier.file):\(earlier.line); "
                  + "set another 'id:' in the front matter of course.md",
                related: [Diagnostic.Related(earlier, "first used here")]))
          } else {
            courseIDs[course.id] = reader.idLocation
            result.courses.append(course)
          }
        }
        result.diagnostics += sorted(reader.diagnostics, firstFile: CourseReader.join(folder, "course.md"))
        result.parseTrees += reader.parseTrees
      }
    }
    return result
  }

  /// The course folders a path names.
  static func courseFolders(_ path: String, diagnostics: inout [Diagnostic]) -> [String] {
    let here = SourceLocation(file: path, line: 1, column: 1)
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
      diagnostics.append(Diagnostic(.error, here, "no such file or folder"))
      return []
    }
    if !isDirectory.boolValue {
      guard (path as NSString).lastPathComponent == "course.md" else {
        diagnostics.append(
          Diagnostic(.error, here, "not a course: give a course folder, a folder of courses, or a course.md"))
        return []
      }
      let folder = (path as NSString).deletingLastPathComponent
      return [folder.isEmpty ? "." : folder]
    }
    if files.fileExists(atPath: CourseReader.join(path, "course.md")) { return [path] }
    let names: [String]
    do {
      names = try files.contentsOfDirectory(atPath: path).sorted()
    } catch {
      diagnostics.append(Diagnostic(.error, here, "cannot read the folder: \(error.localizedDescription)"))
      return []
    }
    let folders = names.map { CourseReader.join(path, $0) }.filter {
      files.fileExists(atPath: CourseReader.join($0, "course.md"))
    }
    if folders.isEmpty {
      diagnostics.append(
        Diagnostic(.error, here, "no course here: the folder has no course.md and no course folders"))
    }
    return folders
  }

  /// Diagnostics of one course: `course.md` first, then files in the order first
  /// reported; within a file by line and column.
  private static func sorted(_ diagnostics: [Diagnostic], firstFile: String) -> [Diagnostic] {
    var fileOrder: [String: Int] = [firstFile: 0]
    for diagnostic in diagnostics where fileOrder[diagnostic.location.file] == nil {
      fileOrder[diagnostic.location.file] = fileOrder.count
    }
    return diagnostics.enumerated().sorted { a, b in
      let (x, y) = (a.element.location, b.element.location)
      return (fileOrder[x.file]!, x.line, x.column, a.offset) < (
        fileOrder[y.file]!, y.line, y.column, b.offset
      )
    }.map(\.element)
  }
}
