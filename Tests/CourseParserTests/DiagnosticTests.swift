import CourseModel
import Foundation
import Testing

@testable import CourseParser

/// One broken module and the one diagnostic it must produce.
struct BrokenModule: CustomTestStringConvertible, Sendable {
  var name: String
  var module: String
  /// `01-module.md:line:column: severity:`, then a part of the message.
  var expected: String
  var message: String
  /// The `note:` lines that follow it, as printed (`01-module.md:5:1: note: first used here`).
  var notes: [String] = []
  /// The suggested text, when the diagnostic gives one.
  var fix: String?
  var testDescription: String { name }

  /// Checks that the module gives exactly the expected diagnostic, notes and fix.
  func check() throws {
    let course = try TemporaryCourse(module: module)
    defer { course.remove() }
    let diagnostics = course.load().diagnostics
    let lines = diagnostics.map { course.portable($0.description) }
    #expect(lines.count == 1, "expected one diagnostic, got \(lines)")
    let found = diagnostics.first {
      course.portable($0.description).hasPrefix(expected) && $0.message.contains(message)
    }
    #expect(found != nil, "got \(lines)")
    guard let found else { return }
    #expect(found.related.map { course.portable($0.description) } == notes)
    if let fix { #expect(found.fix == fix) }
  }
}

@Suite("Diagnostics")
struct DiagnosticTests {
  static let modules: [BrokenModule] = [
    BrokenModule(
      name: "unknown kind word names the nearest kind", module: "# M\n\n## Dril: Hot and cold\n\nText.\n",
      expected: "01-module.md:3:1: warning:", message: "did you mean '## Drill: Hot and cold'?",
      fix: "## Drill: Hot and cold"),
    BrokenModule(
      name: "a cut-short kind word names the kind it starts",
      module: "# M\n\n## Bel: What you think\n\nText.\n",
      expected: "01-module.md:3:1: warning:", message: "did you mean '## Beliefs: What you think'?"),
    BrokenModule(
      name: "module without an H1", module: "Some text.\n\n## Lesson: L\n",
      expected: "01-module.md:1:1: error:", message: "a module needs a title"),
    BrokenModule(
      name: "a second H1", module: "# M\n\n# Again\n",
      expected: "01-module.md:3:1: error:", message: "a module has one title",
      notes: ["01-module.md:1:1: note: the module's title"]),
    BrokenModule(
      name: "duplicate question id points at the later one and names the earlier line",
      module: "# M\n\n## Drill: D\n\n### Q one {#q}\n\nAnswer: a\n\n### Q two {#q}\n\nAnswer: b\n",
      expected: "01-module.md:9:1: error:", message: "duplicate item id 'q': first used at line 5",
      notes: ["01-module.md:5:1: note: first used here"]),
    BrokenModule(
      name: "duplicate section id", module: "# M\n\n## Lesson: Same\n\n## Same\n",
      expected: "01-module.md:5:1: error:", message: "duplicate section id 'same'",
      notes: ["01-module.md:3:1: note: first used here"]),
    BrokenModule(
      name: "a repeated belief statement of another kind",
      module: "# M\n\n## Beliefs: B\n\n### Agree: X {#x}\n\n### Rate: X {#x}\n",
      expected: "01-module.md:7:1: error:", message: "must be of the same kind",
      notes: ["01-module.md:5:1: note: first used here"]),
    BrokenModule(
      name: "a repeated Reflect is a duplicate",
      module: "# M\n\n## Beliefs: B\n\n### Reflect: X {#x}\n\n### Reflect: X {#x}\n",
      expected: "01-module.md:7:1: error:", message: "duplicate item id 'x'",
      notes: ["01-module.md:5:1: note: first used here"]),
    BrokenModule(
      name: "a repeated statement with other text warns",
      module: "# M\n\n## Beliefs: B\n\n### Agree: X {#x}\n\n## Beliefs: C\n\n### Agree: Y {#x}\n",
      expected: "01-module.md:9:1: warning:", message: "with different text",
      notes: ["01-module.md:5:1: note: first used here"]),
    BrokenModule(
      name: "a repeated Rate with other labels warns",
      module:
        "# M\n\n## Beliefs: B\n\n### Rate: X {#x}\n\n## Beliefs: C\n\n### Rate: X {#x}\n\n- a\n- b\n- c\n",
      expected: "01-module.md:9:1: warning:", message: "with different scale labels",
      notes: ["01-module.md:5:1: note: first used here"]),
    BrokenModule(
      name: "an audience role not declared points at the role",
      module: "---\naudience: [manager, chef]\n---\n# M\n",
      expected: "01-module.md:2:21: error:", message: "audience role 'chef' is not declared"),
    BrokenModule(
      name: "YAML that does not parse points at the bracket that is not closed",
      module: "---\nid: a\naudience: [x\n---\n# M\n",
      expected: "01-module.md:3:11: error:", message: "the list that starts with '[' here is not closed"),
    BrokenModule(
      name: "front matter never closed", module: "---\nid: a\n\n# M\n",
      expected: "01-module.md:1:1: error:", message: "never closed"),
    BrokenModule(
      name: "pass above 100", module: "---\npass: 101\n---\n# M\n",
      expected: "01-module.md:2:7: error:", message: "'pass' must be a whole number from 1 to 100"),
    BrokenModule(
      name: "pass not whole", module: "---\npass: 7.5\n---\n# M\n",
      expected: "01-module.md:2:7: error:", message: "'pass' must be a whole number from 1 to 100"),
    BrokenModule(
      name: "pass of zero", module: "---\npass: 0\n---\n# M\n",
      expected: "01-module.md:2:7: error:", message: "'pass' must be a whole number from 1 to 100"),
    BrokenModule(
      name: "Rate scale of two labels", module: "# M\n\n## Beliefs: B\n\n### Rate: R\n\n- a\n- b\n",
      expected: "01-module.md:7:1: error:", message: "a Rate scale needs 3 to 7 labels",
      notes: ["01-module.md:5:1: note: the item"]),
    BrokenModule(
      name: "Rate scale of eight labels",
      module: "# M\n\n## Beliefs: B\n\n### Rate: R\n\n- a\n- b\n- c\n- d\n- e\n- f\n- g\n- h\n",
      expected: "01-module.md:7:1: error:", message: "this one has 8",
      notes: ["01-module.md:5:1: note: the item"]),
    BrokenModule(
      name: "a title with no slug needs an explicit id",
      module: "# M\n\n## Drill: D\n\n### 🎉🎉\n\nAnswer: a\n",
      expected: "01-module.md:5:1: error:", message: "gives no id"),
    BrokenModule(
      name: "an invalid explicit id", module: "# M\n\n## Lesson: L {#has space}\n",
      expected: "01-module.md:3:1: error:", message: "invalid id"),
    BrokenModule(
      name: "Answer: with no answers", module: "# M\n\n## Drill: D\n\n### Q\n\nAnswer: | |\n",
      expected: "01-module.md:7:1: error:", message: "gives no accepted answer"),
    BrokenModule(
      name: "a choice list with no [x]",
      module: "# M\n\n## Drill: D\n\n### Q\n\n- [ ] a\n  A.\n- [ ] b\n  B.\n",
      expected: "01-module.md:7:1: error:", message: "no choice is marked right",
      notes: ["01-module.md:5:1: note: the question"]),
    BrokenModule(
      name: "a choice without a marker points at the choice",
      module: "# M\n\n## Drill: D\n\n### Q\n\n- [x] a\n- b\n",
      expected: "01-module.md:8:3: error:", message: "choice 2 ('b') needs '[ ]' or '[x]'",
      notes: ["01-module.md:5:1: note: the question"]),
    BrokenModule(
      name: "a Match item without an arrow points at the item",
      module: "# M\n\n## Drill: D\n\n### Match: M\n\n- a -> b\n- c\n",
      expected: "01-module.md:8:3: error:", message: "match item 2 ('c') has no '->'",
      notes: ["01-module.md:5:1: note: the question"]),
    BrokenModule(
      name: "a Match with one pair", module: "# M\n\n## Drill: D\n\n### Match: M\n\n- a -> b\n",
      expected: "01-module.md:7:1: error:", message: "at least two 'left -> right' pairs",
      notes: ["01-module.md:5:1: note: the question"]),
    BrokenModule(
      name: "an Order with one item", module: "# M\n\n## Drill: D\n\n### Order: O\n\n1. one\n",
      expected: "01-module.md:7:1: error:", message: "an Order question needs at least two items",
      notes: ["01-module.md:5:1: note: the question"]),
    BrokenModule(
      name: "a question with no body", module: "# M\n\n## Drill: D\n\n### Q\n\nJust a scenario.\n",
      expected: "01-module.md:5:1: error:", message: "the question has no answers"),
    BrokenModule(
      name: "a drill with no questions", module: "# M\n\n## Drill: D\n\nNothing here.\n",
      expected: "01-module.md:3:1: error:", message: "the drill has no questions"),
    BrokenModule(
      name: "a belief item without a kind word", module: "# M\n\n## Beliefs: B\n\n### Feel: something\n",
      expected: "01-module.md:5:1: error:",
      message: "a belief item starts with Agree:, Rate:, Reflect: or Rank:"),
    BrokenModule(
      name: "a Rank with one item", module: "# M\n\n## Beliefs: B\n\n### Rank: R\n\n- one\n",
      expected: "01-module.md:7:1: error:", message: "a Rank item needs a list of at least two",
      notes: ["01-module.md:5:1: note: the item"]),
    BrokenModule(
      name: "text after the answers that is not a block quote",
      module: "# M\n\n## Drill: D\n\n### Q\n\n- [x] a\n- [ ] b\n  B.\n\nA paragraph.\n\n> Why.\n",
      expected: "01-module.md:11:1: error:", message: "only a '> ' block quote may follow the answers",
      notes: ["01-module.md:5:1: note: the question"]),
    BrokenModule(
      name: "an Order question with two lists",
      module: "# M\n\n## Drill: D\n\n### Order: O\n\n- a\n- b\n\n1. c\n2. d\n",
      expected: "01-module.md:10:1: error:",
      message: "a second answer list or 'Answer:' line in one question",
      notes: ["01-module.md:7:1: note: the first answers"]),
    BrokenModule(
      name: "a choice list and an Answer line in one question",
      module: "# M\n\n## Drill: D\n\n### Q\n\n- [x] a\n- [ ] b\n\nAnswer: z\n",
      expected: "01-module.md:10:1: error:", message: "keep one '- [x]' choice list or one 'Answer:' line",
      notes: ["01-module.md:7:1: note: the first answers"]),
    BrokenModule(
      name: "a Rate label without text",
      module: "# M\n\n## Beliefs: B\n\n### Rate: R\n\n- Never\n- <!-- tbd -->\n- Always\n",
      expected: "01-module.md:8:3: error:", message: "label 2 of the Rate scale has no text",
      notes: ["01-module.md:5:1: note: the item"]),
    BrokenModule(
      name: "a creed statement without text points at its item",
      module: "# M\n\n## Creed: C\n\n1. We listen.\n2. <!-- later -->\n",
      expected: "01-module.md:6:1: error:", message: "creed statement 2 has no text"),
    BrokenModule(
      name: "an empty Rate label (nothing after its marker) points at its line",
      module: "# M\n\n## Beliefs: B\n\n### Rate: R\n\n- Never\n-\n- Always\n",
      expected: "01-module.md:8:1: error:", message: "label 2 of the Rate scale has no text",
      notes: ["01-module.md:5:1: note: the item"]),
    BrokenModule(
      name: "an empty creed statement points at its line",
      module: "# M\n\n## Creed: C\n\n1. We listen.\n2.\n3. We act.\n",
      expected: "01-module.md:6:1: error:", message: "creed statement 2 has no text"),
    BrokenModule(
      name: "an empty Order item points at its line",
      module: "# M\n\n## Drill: D\n\n### Order: Steps\n\n1. Listen\n2.\n3. Act\n",
      expected: "01-module.md:8:1: error:", message: "Order item 2 has no text",
      notes: ["01-module.md:5:1: note: the question"]),
    BrokenModule(
      name: "a creed with no statements", module: "# M\n\n## Creed: C\n\nWe believe.\n",
      expected: "01-module.md:3:1: error:", message: "the creed has no statements"),
  ]

  @Test("A broken module is reported at the right line with the right severity", arguments: modules)
  func brokenModule(_ broken: BrokenModule) throws {
    try broken.check()
  }

  @Test("An audience when the course declares no roles is an error")
  func audienceWithoutRoles() throws {
    let course = try TemporaryCourse(module: "---\naudience: [manager]\n---\n# M\n", courseFrontMatter: nil)
    defer { course.remove() }
    #expect(
      course.diagnostics() == [
        "01-module.md:2:12: error: audience role 'manager' is not declared: the course declares no roles (add 'roles:' to course.md)"
      ])
  }

  @Test("Duplicate module ids point at the later module's id line")
  func duplicateModuleID() throws {
    let course = try TemporaryCourse([
      "course.md": TemporaryCourse.courseFile(modules: ["a.md", "b.md"]),
      "a.md": "---\nid: same\n---\n# A\n", "b.md": "---\nid: same\n---\n# B\n",
    ])
    defer { course.remove() }
    let diagnostics = course.diagnostics()
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.hasPrefix("b.md:2:5: error: duplicate module id 'same'") == true)
    #expect(diagnostics.first?.contains("a.md:2;") == true, "names the earlier module's id line")
  }

  @Test("A course folder named twice is read once; two courses with one id are an error")
  func duplicateCourses() throws {
    let files = [
      "course.md": TemporaryCourse.courseFile(modules: ["01-module.md"], frontMatter: "id: same"),
      "01-module.md": "# M\n",
    ]
    let first = try TemporaryCourse(files)
    let second = try TemporaryCourse(files)
    defer {
      first.remove()
      second.remove()
    }
    let twice = CourseLoader.load(paths: [first.folder, first.folder + "/", first.folder + "/course.md"])
    #expect(twice.courses.count == 1 && twice.diagnostics.isEmpty, "\(twice.diagnostics)")
    let both = CourseLoader.load(paths: [first.folder, second.folder])
    #expect(both.courses.count == 1)
    #expect(
      both.diagnostics.map(\.description) == [
        "\(second.folder)/course.md:2:5: error: duplicate course id 'same': first used at \(first.folder)/course.md:2; "
          + "set another 'id:' in the front matter of course.md"
      ])
  }

  @Test("Contents: a missing file, a file listed twice, and a file left out")
  func contentsProblems() throws {
    let course = try TemporaryCourse([
      "course.md": "# C\n\n1. [A](a.md)\n2. [Gone](gone.md)\n3. [A again](a.md)\n",
      "a.md": "# A\n", "extra.md": "# Extra\n",
    ])
    defer { course.remove() }
    #expect(
      course.diagnostics() == [
        "course.md:4:11: error: the contents link to 'gone.md' names a missing file",
        "course.md:5:14: error: 'a.md' is listed twice in the contents (first at line 3)",
        "extra.md:1:1: warning: not in the contents list of course.md, so it is not part of the course",
      ])
  }

  @Test("A course with no modules is an error")
  func noModules() throws {
    let course = try TemporaryCourse(["course.md": "# C\n\nJust words.\n"])
    defer { course.remove() }
    #expect(course.diagnostics().first?.hasPrefix("course.md:1:1: error: the course has no modules") == true)
  }

  @Test("Invalid UTF-8, a binary file, a missing path and an empty folder each get a diagnostic")
  func unreadableInput() throws {
    let course = try TemporaryCourse(["course.md": TemporaryCourse.courseFile(modules: ["a.md", "b.md"])])
    defer { course.remove() }
    try Data("# A\n\ncaf\u{e9}".utf8 + [0xC3, 0x28, 0x0A]).write(
      to: URL(fileURLWithPath: course.folder + "/a.md"))
    try Data([0x23, 0x20, 0x42, 0x00, 0x01]).write(to: URL(fileURLWithPath: course.folder + "/b.md"))
    #expect(
      course.diagnostics() == [
        "a.md:3:6: error: invalid UTF-8 (byte 0xC3); save the file as UTF-8",
        "b.md:1:4: error: this is a binary file, not Markdown text (NUL byte at byte 4)",
      ])
    let empty = try TemporaryCourse(["notes.txt": "x"])
    defer { empty.remove() }
    let missing = CourseLoader.load(paths: [empty.folder + "/nope", empty.folder])
    #expect(
      missing.diagnostics.map(\.message) == [
        "no such file or folder", "no course here: the folder has no course.md and no course folders",
      ])
  }

  @Test("Slugs fold letters to ASCII and join words with single dashes")
  func slugs() {
    #expect(Slug.of("Café: the Über-guide!") == "cafe-the-uber-guide")
    #expect(Slug.of("  --Hot & cold--  ") == "hot-cold")
    #expect(Slug.of("Straße  Æsop") == "strasse-aesop")
    #expect(Slug.of("🎉") == "")
    #expect(Slug.splitExplicitID("Title {#my-id}").id == "my-id")
    #expect(Slug.splitExplicitID("Title {#my-id}").text == "Title")
    #expect(CourseReader.defaultModuleID("01-beyond-satisfaction.md") == "beyond-satisfaction")
    #expect(CourseReader.defaultModuleID("sub/2_Team_Talk.md") == "Team_Talk")
    #expect(CourseReader.defaultModuleID("2024.md") == "2024")
  }
}

/// A `fix` is the text that replaces its diagnostic's range (`location` up to `end`):
/// applied to the module as written, the problem is gone.
@Suite("Fixes")
struct FixTests {
  static let modules = NearMissTests.modules + DiagnosticTests.modules

  @Test("Applying a diagnostic's fix to its range removes that diagnostic", arguments: modules)
  func fixRemovesTheProblem(_ broken: BrokenModule) throws {
    let course = try TemporaryCourse(module: broken.module)
    defer { course.remove() }
    let found = course.load().diagnostics.filter {
      $0.fix != nil && $0.location.file.hasSuffix("01-module.md")
    }
    for diagnostic in found {
      let fix = try #require(diagnostic.fix)
      let end = try #require(diagnostic.end, "'\(diagnostic.message)' suggests '\(fix)' but gives no end")
      try #require(end.line == diagnostic.location.line, "a fix within one line")
      var lines = broken.module.split(separator: "\n", omittingEmptySubsequences: false).map {
        Array($0.utf8)
      }
      let row = diagnostic.location.line - 1
      let from = diagnostic.location.column - 1
      let to = end.column - 1
      try #require(from <= to && to <= lines[row].count, "range \(from)..<\(to) of line \(row + 1)")
      lines[row].replaceSubrange(from..<to, with: Array(fix.utf8))
      let fixed = lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
      let again = try TemporaryCourse(module: fixed)
      defer { again.remove() }
      let after = again.load().diagnostics.map(\.message)
      #expect(!after.contains(diagnostic.message), "fixed to:\n\(fixed)\nstill: \(diagnostic.message)")
    }
  }
}
