import CourseModel
import Foundation
import Synchronization

/// Reads one course folder: `course.md`, its contents list and every module it lists.
struct CourseReader {
  /// The folder as the user named it (used to build every path in diagnostics).
  let folder: String
  var diagnostics: [Diagnostic] = []
  /// Where the course's id is set: its `id:` line, else the top of `course.md`.
  private(set) var idLocation: SourceLocation

  /// Whether module files' parsed blocks are kept (see ``CourseLoader/load(paths:keepingParseTrees:)``).
  let keepsParseTrees: Bool
  /// The parsed blocks of each module file, when they are kept.
  private(set) var parseTrees: [[Block]] = []

  init(folder: String, keepingParseTrees: Bool = false) {
    self.folder = folder
    keepsParseTrees = keepingParseTrees
    idLocation = SourceLocation(file: Self.join(folder, "course.md"), line: 1, column: 1)
  }

  private var courseFile: String { Self.join(folder, "course.md") }

  /// Reads the course. Returns `nil` when `course.md` cannot be read at all.
  mutating func read() -> Course? {
    let source: SourceFile
    switch SourceFile.read(courseFile) {
    case .success(let file): source = file
    case .failure(let diagnostic):
      diagnostics.append(diagnostic)
      return nil
    }
    let lines = SourceLines(source)
    diagnostics += source.unsafeCharacterDiagnostics()
    let matter = FrontMatter.split(source, settings: .course, into: &diagnostics)
    if matter.isUnclosed { return nil }
    let (kept, notes) = FacilitatorNotes.split(
      MarkdownConverter.parse(matter.markdown, file: courseFile, lineOffset: matter.lineOffset)[...])
    let blocks = Array(kept)
    let folderName = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
    let id = matter.string("id", into: &diagnostics) ?? folderName
    if matter.fields["id"] != nil { idLocation = matter.location(of: "id") }
    let pass = matter.pass(into: &diagnostics) ?? 80
    let roles = matter.names("roles", into: &diagnostics) ?? []

    let h1 = blocks.firstIndex { $0.headingLevel == 1 }
    var title = matter.string("title", into: &diagnostics)
    if title == nil, let h1, case .heading(_, let inlines) = blocks[h1].kind {
      title = Slug.splitExplicitID(inlines.plainText).text
    }
    if title?.isEmpty ?? true {
      diagnostics.append(
        Diagnostic(
          .error, SourceLocation(file: courseFile, line: 1, column: 1),
          "the course has no title: add a line '# Title' or 'title:' in the front matter"))
    }

    // The contents list: the first list of links to module files.
    let contents = blocks.indices.lazy.map { ($0, Self.moduleLinks(in: blocks[$0], lines: lines)) }.first {
      $0.1.contains(where: \.isMarkdown)
    }
    let contentsIndex = contents?.0
    let links = contents?.1 ?? []
    let introduction = blocks.indices.filter { $0 != contentsIndex && $0 != h1 }.map { blocks[$0] }
    let introductionBeforeContents = contentsIndex.map { index in (0..<index).filter { $0 != h1 }.count }
    diagnostics += ModuleReader.courseIntroductionDiagnostics(introduction, lines: lines)

    var course = Course(
      id: id, title: title ?? id, file: courseFile, pass: pass, roles: roles, introduction: introduction,
      contentsIndex: introductionBeforeContents, facilitator: notes)
    if links.isEmpty {
      diagnostics.append(
        Diagnostic(
          .error, SourceLocation(file: courseFile, line: 1, column: 1),
          "the course has no modules: list them in course.md as links, like '1. [Welcome](01-welcome.md)'"))
    }
    let listed: Set<String>
    (course.modules, listed) = readModules(
      links,
      context: ModuleReader.CourseContext(
        pass: pass, roles: matter.failed ? nil : roles, keepsParseTrees: keepsParseTrees))
    warnAboutUnlistedFiles(listed: listed)
    return course
  }

  /// Reads the modules the contents list links to.
  /// - Returns: the modules, in contents order, and the normalized paths of every file listed.
  private mutating func readModules(_ links: [ModuleLink], context: ModuleReader.CourseContext)
    -> (modules: [Module], listed: Set<String>)
  {
    // First the contents list, in order: duplicates, missing files, files outside the folder.
    var files: [(link: ModuleLink, path: String)] = []
    var seenFiles: [String: SourceLocation] = [:]
    let realFolder = Self.realPath(folder) ?? Self.normalized(folder)
    for link in links {
      guard link.isMarkdown else {
        // A link without '.md' in the contents list is a module only when that file exists.
        let path = Self.join(folder, link.target + ".md")
        if link.problem == nil, !link.target.hasPrefix("/"), FileManager.default.fileExists(atPath: path) {
          seenFiles[Self.normalized(path)] = link.location
          diagnostics.append(
            Diagnostic(
              .error, link.location,
              "the contents link to '\(link.written)' leaves out '.md': write '\(link.written).md'",
              end: link.end,
              fix: link.written + ".md"))
        } else if link.problem == nil, !link.target.hasPrefix("/"),
          let dot = link.target.lastIndex(of: "."), link.target[link.target.index(after: dot)...].count <= 4,
          editDistance(String(link.target[link.target.index(after: dot)...]), "md") <= 1
            || String(link.target[link.target.index(after: dot)...]).lowercased() == "dm"
        {
          // `01-welcome.dm`, `.mdd`, `.m`: an extension a slip away from '.md'.
          let meant = String(link.target[..<dot]) + ".md"
          if FileManager.default.fileExists(atPath: Self.join(folder, meant)) {
            seenFiles[Self.normalized(Self.join(folder, meant))] = link.location
            diagnostics.append(
              Diagnostic(
                .error, link.location,
                "the contents link to '\(link.written)' is not to a '.md' file, so it is not a module; "
                  + "did you mean '\(meant)'?", end: link.end, fix: meant))
          }
        }
        continue
      }
      if let problem = link.problem {
        diagnostics.append(Diagnostic(.error, link.location, problem, end: link.end))
        continue
      }
      let path = link.target.hasPrefix("/") ? link.target : Self.join(folder, link.target)
      let key = Self.normalized(path)
      if let earlier = seenFiles[key] {
        diagnostics.append(
          Diagnostic(
            .error, link.location,
            "'\(link.target)' is listed twice in the contents (first at line \(earlier.line))", end: link.end,
            related: [Diagnostic.Related(earlier, "first listed here")]))
        continue
      }
      seenFiles[key] = link.location
      // Authoring advice, not an error: the file is read, but a course that reaches out of
      // its folder changes when that file does, unreviewed, and is not handed over whole.
      let outside = link.target.hasPrefix("/") || !Self.isInside(key, Self.normalized(folder))
      if outside {
        diagnostics.append(
          Diagnostic(
            .warning, link.location,
            "'\(link.target)' is outside the course folder: it is read, but it changes without anyone "
              + "reviewing the course and is left behind when the folder is copied; copy it into the course "
              + "folder (next to course.md or in a folder under it) and link it by a path relative to course.md",
            end: link.end))
      }
      if key == Self.normalized(courseFile) {
        diagnostics.append(
          Diagnostic(.error, link.location, "course.md cannot be one of its own modules", end: link.end))
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        if let meant = Self.likelyFile(for: link.target, in: folder) {
          // The file meant is named here, so it is not reported as left out as well.
          seenFiles[Self.normalized(Self.join(folder, meant))] = link.location
          diagnostics.append(
            Diagnostic(
              .error, link.location,
              "the contents link to '\(link.target)' names a missing file; did you mean '\(meant)'?",
              end: link.end,
              fix: meant))
        } else {
          diagnostics.append(
            Diagnostic(
              .error, link.location, "the contents link to '\(link.target)' names a missing file",
              end: link.end))
        }
        continue
      }
      if isDirectory.boolValue {
        diagnostics.append(
          Diagnostic(
            .error, link.location, "'\(link.target)' is a folder: link to a module's .md file", end: link.end)
        )
        continue
      }
      guard let real = Self.realPath(path), outside || Self.isInside(real, realFolder) else {
        diagnostics.append(
          Diagnostic(
            .error, link.location,
            "'\(link.target)' is a symbolic link to a file outside the course folder: "
              + "a module file must live inside the course folder, so copy the file in", end: link.end))
        continue
      }
      files.append((link, real))
    }
    // Then the module files, which are independent of each other, on every core.
    let parsed = Self.readInParallel(
      files.map { (Self.join(folder, $0.link.target), $0.path, Self.defaultModuleID($0.link.target)) },
      context: context)
    // Last, what spans modules, in contents order: module ids and item ids.
    var modules: [Module] = []
    var seenIDs: [String: SourceLocation] = [:]
    var items = ItemIDRegistry(capacity: parsed.reduce(0) { $0 + ($1.module?.itemCount ?? 0) })
    for read in parsed {
      diagnostics += read.diagnostics
      if let blocks = read.parsed { parseTrees.append(blocks) }
      guard let module = read.module else { continue }
      // A module whose settings did not parse may have lost its 'id:'; its error says so.
      if read.settingsFailed {
        items.register(module, idPlaces: read.idPlaces, into: &diagnostics)
        modules.append(module)
        continue
      }
      if let earlier = seenIDs[module.id] {
        diagnostics.append(
          Diagnostic(
            .error, read.idLocation,
            "duplicate module id '\(module.id)': first used at \(earlier.file):\(earlier.line); "
              + "set another 'id:' in the front matter",
            related: [Diagnostic.Related(earlier, "first used here")]))
        continue
      }
      seenIDs[module.id] = read.idLocation
      items.register(module, idPlaces: read.idPlaces, into: &diagnostics)
      modules.append(module)
    }
    // The files read, as linked and as they really are (a link inside the folder to a
    // file inside names it too).
    return (modules, Set(seenFiles.keys).union(files.map { Self.normalized($0.path) }))
  }

  /// One module file as read: the module (unless it could not be read), its diagnostics,
  /// and where its id is set (for a duplicate-id error).
  private struct ReadModule: Sendable {
    var module: Module?
    var diagnostics: [Diagnostic]
    var idLocation: SourceLocation
    var settingsFailed = false
    var idPlaces = ItemIDPlaces()
    /// The blocks the file was parsed into, when they are kept.
    var parsed: [Block]?
  }

  /// Reads module files concurrently; results keep the order of `files`.
  private static func readInParallel(
    _ files: [(path: String, realPath: String, defaultID: String)], context: ModuleReader.CourseContext
  ) -> [ReadModule] {
    let results = Mutex([ReadModule?](repeating: nil, count: files.count))
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let (path, realPath, defaultID) = files[index]
      let top = SourceLocation(file: path, line: 1, column: 1)
      let read: ReadModule
      // The file checked to be inside the folder is the one read; diagnostics name the
      // path as the contents list gives it.
      switch SourceFile.read(realPath, reportedAs: path) {
      case .success(let source):
        var reader = ModuleReader(file: path, course: context)
        let module = reader.read(source, defaultID: defaultID)
        read = ReadModule(
          module: module, diagnostics: reader.diagnostics, idLocation: reader.idLocation ?? top,
          settingsFailed: reader.settingsFailed, idPlaces: reader.idPlaces, parsed: reader.parsed)
      case .failure(let diagnostic):
        read = ReadModule(module: nil, diagnostics: [diagnostic], idLocation: top)
      }
      results.withLock { $0[index] = read }
    }
    return results.withLock { $0.compactMap { $0 } }
  }

  /// Warns about each `.md` file in the course folder, or in a folder under it, that the
  /// contents leave out. A folder with its own `course.md` is another course, and hidden
  /// folders (`.git`) are not looked into.
  private mutating func warnAboutUnlistedFiles(listed: Set<String>) {
    var folders = [(path: folder, depth: 0)]
    while !folders.isEmpty {
      let (current, depth) = folders.removeFirst()
      let names = (try? FileManager.default.contentsOfDirectory(atPath: current)) ?? []
      var files: [String] = []
      for name in names.sorted() where !name.hasPrefix(".") {
        let path = Self.join(current, name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
        if isDirectory.boolValue {
          let isCourse = FileManager.default.fileExists(atPath: Self.join(path, "course.md"))
          if !isCourse && depth < 8 { folders.append((path, depth + 1)) }
        } else if name.lowercased().hasSuffix(".md") && !(depth == 0 && name == "course.md") {
          files.append(path)
        }
      }
      for path in files where !listed.contains(Self.normalized(path)) {
        diagnostics.append(
          Diagnostic(
            .warning, SourceLocation(file: path, line: 1, column: 1),
            "not in the contents list of course.md, so it is not part of the course"))
      }
    }
  }

  /// A module id from a file name: the name without a leading number (and the separator
  /// after it) and without `.md`; the whole name when nothing else is left.
  static func defaultModuleID(_ target: String) -> String {
    let stem = String((target.split(separator: "/").last ?? "").dropLast(3))
    let withoutNumber = stem.drop { $0.isNumber }.drop { $0 == "-" || $0 == "_" || $0 == "." || $0 == " " }
    return withoutNumber.isEmpty ? stem : String(withoutNumber)
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  static func normalized(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }
}
