import CourseModel
import Foundation
import Testing

@testable import CourseParser

@Suite("Golden outlines")
struct GoldenTests {
  /// The fixture course. Loaded by absolute path: tests run in parallel, so none may
  /// change the process's working directory.
  private func loadComplete() -> LoadResult {
    CourseLoader.load(paths: [Paths.fixtures.appendingPathComponent("complete").path])
  }

  /// An outline with the fixtures folder removed from its paths, as the golden file has them.
  private func portable(_ json: String) -> String {
    json.replacingOccurrences(of: Paths.fixtures.path + "/", with: "")
  }

  @Test("The outline of a course that uses every construct matches its golden file")
  func completeOutline() throws {
    let json = portable(Outline(loadComplete()).json())
    #expect(try Paths.matchesGolden(json, "complete.outline.json"))
  }

  @Test("The block tree of a module keeps every node's line and column")
  func moduleTree() throws {
    let text = try String(
      contentsOf: Paths.fixtures.appendingPathComponent("complete/01-start.md"), encoding: .utf8)
    var diagnostics: [Diagnostic] = []
    let matter = FrontMatter.split(SourceFile(path: "01-start.md", text: text), into: &diagnostics)
    let tree = dump(
      MarkdownConverter.parse(matter.markdown, file: "01-start.md", lineOffset: matter.lineOffset))
    #expect(diagnostics.isEmpty)
    #expect(try Paths.matchesGolden(tree, "01-start.tree.txt"))
  }

  @Test("Every item kind is read with its parts")
  func itemKinds() throws {
    let course = try #require(loadComplete().courses.first)
    let kinds = course.modules.flatMap(\.sections).flatMap { section -> [String] in
      switch section.content {
      case .lesson: []
      case .drill(_, let questions): questions.map(\.kind.rawValue)
      case .beliefs(_, let items): items.map(\.kind.rawValue)
      case .creed(let creed): creed.statements.map { _ in "statement" }
      }
    }
    for kind in [
      "single", "multiple", "short", "order", "match", "agree", "rate", "reflect", "rank", "statement",
    ] {
      #expect(kinds.contains(kind), "no \(kind) item in the fixture")
    }
    #expect(course.modules.map(\.id) == ["start", "leading", "nested"])
    #expect(course.modules.map(\.pass) == [90, 70, 70])
    #expect(course.modules[1].audience == ["manager", "leader"])
    #expect(course.introduction.plainText.contains("More introduction after the contents."))
    #expect(course.contentsIndex == 1, "the contents list follows the first introduction paragraph")
  }

  @Test("List items that wrap onto a second line keep all their text")
  func wrappedListItems() throws {
    let course = try TemporaryCourse(
      module: """
        # M

        ## Drill: D

        ### Order: Steps

        - Greet the customer
          by name
        - Listen

        ### Match: Pairs

        - A long left side
          that wraps -> right
        - b -> c

        ## Beliefs: B

        ### Rank: What matters

        - Being
          kind
        - Being quick

        ### Rate: How often

        - Hardly
          ever
        - Sometimes
        - Always
        """)
    defer { course.remove() }
    let result = course.load()
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let sections = try #require(result.courses.first?.modules.first?.sections)
    guard case .drill(_, let questions) = sections[0].content,
      case .beliefs(_, let items) = sections[1].content
    else {
      Issue.record("expected a drill and a belief section")
      return
    }
    #expect(questions[0].body == .order(["Greet the customer by name", "Listen"]))
    #expect(
      questions[1].body
        == .match([.init(left: "A long left side that wraps", right: "right"), .init(left: "b", right: "c")]))
    #expect(items[0].body == .rank(["Being kind", "Being quick"]))
    #expect(items[1].body == .rate(labels: ["Hardly ever", "Sometimes", "Always"]))
  }

  @Test("Front matter lines are blanked so lines after it stay true")
  func frontMatterKeepsLines() throws {
    let course = try #require(loadComplete().courses.first)
    #expect(course.modules[0].location?.line == 5)
    #expect(course.modules[0].sections.first?.location?.line == 9)
  }

  @Test("A course saved with Windows line endings reads exactly the same")
  func windowsLineEndings() throws {
    let source = Paths.fixtures.appendingPathComponent("complete")
    let names = FileManager.default.enumerator(atPath: source.path)?.compactMap { $0 as? String } ?? []
    var files: [String: String] = [:]
    for name in names where name.hasSuffix(".md") {
      let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
      files[name] = text.replacingOccurrences(of: "\n", with: "\r\n")
    }
    let course = try TemporaryCourse(files)
    defer { course.remove() }
    let folderName = (course.folder as NSString).lastPathComponent
    let crlf = Outline(course.load()).json()
      .replacingOccurrences(of: course.folder, with: "complete")
      .replacingOccurrences(of: "\"id\": \"\(folderName)\"", with: "\"id\": \"complete\"")
    #expect(crlf == portable(Outline(loadComplete()).json()))
  }

  @Test(
    "The outline written in parts is the outline, each part at most 64 KiB but one holding a longer run of text"
  )
  func outlineInParts() throws {
    // About 200 KB of outline, and one prompt longer than a part.
    let questions = (1...400).map { n in
      "### Question \(n) with a \"quoted\" prompt long enough to fill the outline {#q\(n)}\n\n- [x] Yes\n- [ ] No\n  Not this.\n"
    }
    let long = String(repeating: "abcdefgh ", count: 8_000)
    let module =
      "# Module\n\n## Drill: Many\n\n" + questions.joined(separator: "\n")
      + "\n### \(long) {#long}\n\n- [x] Yes\n- [ ] No\n"
    let course = try TemporaryCourse([
      "course.md": TemporaryCourse.courseFile(modules: ["m.md"]), "m.md": module,
    ])
    defer { course.remove() }
    let outline = Outline(course.load())
    var parts: [[UInt8]] = []
    outline.writeJSON { parts.append(Array($0)) }
    let whole = outline.jsonBytes()
    #expect(whole.count > 200_000)
    #expect(parts.count > 2)
    #expect(Array(parts.joined()) == whole)
    // A part is cut when the next write would not fit: only the part with the 72 KB prompt
    // outgrows the buffer.
    #expect(parts.filter { $0.count > 1 << 16 }.count == 1)
    #expect(try JSONSerialization.jsonObject(with: Data(whole)) is [String: Any])
  }

  @Test("The shipped courses have no errors and no warnings")
  func shippedCourseIsClean() {
    let result = CourseLoader.load(paths: [
      Paths.tests.appendingPathComponent("../../courses").standardized.path
    ])
    #expect(result.diagnostics.map(\.description) == [])
    #expect(!result.courses.isEmpty)
  }
}
