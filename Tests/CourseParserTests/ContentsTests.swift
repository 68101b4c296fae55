import CourseModel
import Foundation
import Testing

@testable import CourseParser

/// One broken course (its files by name) and the diagnostics it must give, in order, as
/// printed with their notes.
struct BrokenCourse: CustomTestStringConvertible, Sendable {
  var name: String
  var files: [String: String]
  var expected: [String]
  var testDescription: String { name }
}

/// course.md: its introduction, its settings and its contents list.
@Suite("Course files and contents links")
struct ContentsTests {
  static let module = "# M\n\nText.\n"

  static let courses: [BrokenCourse] = [
    BrokenCourse(
      name: "a drill written in course.md",
      files: [
        "course.md": "# C\n\n## Drill: Check\n\n### Q\n\n- [x] a\n- [ ] b\n\n1. [M](01-m.md)\n",
        "01-m.md": module,
      ],
      expected: [
        "course.md:3:1: error: a '## Drill:' section in course.md is shown as text in the course introduction, "
          + "'[x]' marks included: move it into a module file and list that file in the contents",
        "course.md:7:3: note: shown to learners as text",
      ]),
    BrokenCourse(
      name: "answer marks in course.md",
      files: ["course.md": "# C\n\nAnswer: yes\n\n1. [M](01-m.md)\n", "01-m.md": module],
      expected: [
        "course.md:3:1: error: an 'Answer:' line in course.md, the course introduction, is shown to learners as text: "
          + "questions go in a module file, under '### ' in a '## Drill:' section"
      ]),
    BrokenCourse(
      name: "an unknown course setting",
      files: ["course.md": "---\nrolls: [desk]\n---\n# C\n\n1. [M](01-m.md)\n", "01-m.md": module],
      expected: ["course.md:2:1: warning: 'rolls' is not a setting; did you mean 'roles'? (it is ignored)"]),
    BrokenCourse(
      name: "roles written as words with spaces, not a list",
      files: [
        "course.md": "---\nroles: desk manager\n---\n# C\n\n1. [M](01-m.md)\n",
        "01-m.md": "---\naudience: [manager]\n---\n" + module,
      ],
      expected: [
        "course.md:2:8: error: 'roles: desk manager' is one piece of text, not a list: write roles: [desk, manager] "
          + "(or roles: [desk manager] for one name with spaces in it)"
      ]),
    BrokenCourse(
      name: "roles kept apart by a semicolon inside a list",
      files: ["course.md": "---\nroles: [desk; manager]\n---\n# C\n\n1. [M](01-m.md)\n", "01-m.md": module],
      expected: [
        "course.md:2:9: error: 'desk; manager' is read as one name: names in a list are kept apart by commas, "
          + "so write desk, manager"
      ]),
    BrokenCourse(
      name: "a contents link that differs in case",
      files: ["course.md": "# C\n\n1. [M](01-Welcome.md)\n", "01-welcome.md": module],
      expected: [
        "course.md:3:8: error: the contents link to '01-Welcome.md' names a missing file; did you mean '01-welcome.md'?"
      ]),
    BrokenCourse(
      name: "a contents link one edit away",
      files: ["course.md": "# C\n\n1. [M](sub/01-welcom.md)\n", "sub/01-welcome.md": module],
      expected: [
        "course.md:3:8: error: the contents link to 'sub/01-welcom.md' names a missing file; "
          + "did you mean 'sub/01-welcome.md'?"
      ]),
    BrokenCourse(
      name: "a contents link whose extension is a slip away from '.md'",
      files: [
        "course.md": "# C\n\n1. [M](01-m.dm)\n2. [N](02-n.md)\n", "01-m.md": module, "02-n.md": "# N\n",
      ],
      expected: [
        "course.md:3:8: error: the contents link to '01-m.dm' is not to a '.md' file, so it is not a module; "
          + "did you mean '01-m.md'?"
      ]),
    BrokenCourse(
      name: "roles joined with 'and'",
      files: ["course.md": "---\nroles: desk and manager\n---\n# C\n\n1. [M](01-m.md)\n", "01-m.md": module],
      expected: [
        "course.md:2:8: error: 'roles: desk and manager' is one piece of text, not a list: write roles: [desk, manager] "
          + "(or roles: [desk and manager] for one name with spaces in it)"
      ]),
    BrokenCourse(
      name: "a list with an empty place",
      files: [
        "course.md": "---\nroles: [desk, , manager]\n---\n# C\n\n1. [M](01-m.md)\n", "01-m.md": module,
      ],
      expected: [
        "course.md:2:15: error: the list has an empty place here (a comma with no name after it): remove the extra comma"
      ]),
    BrokenCourse(
      name: "a contents link with two letters swapped",
      files: ["course.md": "# C\n\n1. [M](01-wlecome.md)\n", "01-welcome.md": module],
      expected: [
        "course.md:3:8: error: the contents link to '01-wlecome.md' names a missing file; did you mean '01-welcome.md'?"
      ]),
    BrokenCourse(
      name: "a contents link whose folder differs in case",
      files: ["course.md": "# C\n\n1. [M](Extra/01-m.md)\n", "extra/01-m.md": module],
      expected: [
        "course.md:3:8: error: the contents link to 'Extra/01-m.md' names a missing file; did you mean 'extra/01-m.md'?"
      ]),
    BrokenCourse(
      name: "a module file in a folder under the course that the contents leave out",
      files: [
        "course.md": "# C\n\n1. [M](01-m.md)\n", "01-m.md": module, "extra/notes.md": "# Notes\n",
        "other/course.md": "# Another course\n", "other/01-x.md": "# X\n",
      ],
      expected: [
        "extra/notes.md:1:1: warning: not in the contents list of course.md, so it is not part of the course"
      ]),
    BrokenCourse(
      name: "a contents link out of the course folder is a warning, and the file is still looked for",
      files: ["course.md": "# C\n\n1. [M](../outside.md)\n"],
      expected: [
        "course.md:3:8: warning: '../outside.md' is outside the course folder: it is read, but it changes without "
          + "anyone reviewing the course and is left behind when the folder is copied; copy it into the course "
          + "folder (next to course.md or in a folder under it) and link it by a path relative to course.md",
        "course.md:3:8: error: the contents link to '../outside.md' names a missing file",
      ]),
    BrokenCourse(
      name: "an absolute contents link is a warning",
      files: ["course.md": "# C\n\n1. [M](/nonexistent-coach-test/x.md)\n"],
      expected: [
        "course.md:3:8: warning: '/nonexistent-coach-test/x.md' is outside the course folder: it is read, but it "
          + "changes without anyone reviewing the course and is left behind when the folder is copied; copy it "
          + "into the course folder (next to course.md or in a folder under it) and link it by a path relative to "
          + "course.md",
        "course.md:3:8: error: the contents link to '/nonexistent-coach-test/x.md' names a missing file",
      ]),
    BrokenCourse(
      name: "a %00 in a contents link",
      files: ["course.md": "# C\n\n1. [M](01-m%00.md)\n", "01-m.md": module],
      expected: [
        "course.md:3:8: error: '%00' in the link stands for a control character (U+0000), which no file name may hold: "
          + "remove it",
        "01-m.md:1:1: warning: not in the contents list of course.md, so it is not part of the course",
      ]),
    BrokenCourse(
      name: "a % that is not an escape",
      files: ["course.md": "# C\n\n1. [M](01%zz.md)\n"],
      expected: [
        "course.md:3:8: error: '%zz' in the link is not an escape ('%' and two hex digits): write '%25' for a '%', "
          + "'%20' for a space"
      ]),
    BrokenCourse(
      name: "a contents link without .md",
      files: ["course.md": "# C\n\n1. [M](01-m)\n2. [N](02-n.md)\n", "01-m.md": module, "02-n.md": "# N\n"],
      expected: ["course.md:3:8: error: the contents link to '01-m' leaves out '.md': write '01-m.md'"]),
    BrokenCourse(
      name: "a contents link to a folder",
      files: ["course.md": "# C\n\n1. [M](sub.md)\n", "sub.md/01-m.md": module],
      expected: [
        "course.md:3:8: error: 'sub.md' is a folder: link to a module's .md file",
        "sub.md/01-m.md:1:1: warning: not in the contents list of course.md, so it is not part of the course",
      ]),
    BrokenCourse(
      name: "a module listed twice",
      files: ["course.md": "# C\n\n1. [M](01-m.md)\n2. [M](./01-m.md)\n", "01-m.md": module],
      expected: [
        "course.md:4:8: error: '01-m.md' is listed twice in the contents (first at line 3)",
        "course.md:3:8: note: first listed here",
      ]),
  ]

  @Test("A broken course gives its diagnostics at the line to edit", arguments: courses)
  func brokenCourse(_ broken: BrokenCourse) throws {
    let course = try TemporaryCourse(broken.files)
    defer { course.remove() }
    let lines = course.load().diagnostics.flatMap(\.lines).map(course.portable)
    #expect(lines == broken.expected)
  }

  @Test("Percent-escapes in links are decoded; a link inside the folder to a file inside is followed")
  func linksThatWork() throws {
    let course = try TemporaryCourse([
      "course.md": "# C\n\n1. [M](01%20welcome.md)\n2. [L](linked.md)\n", "01 welcome.md": Self.module,
      "real/02-real.md": "# Real\n",
    ])
    defer { course.remove() }
    try FileManager.default.createSymbolicLink(
      atPath: course.folder + "/linked.md", withDestinationPath: course.folder + "/real/02-real.md")
    let result = course.load()
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    #expect(result.courses.first?.modules.map(\.title) == ["M", "Real"])
  }

  @Test("A module linked from outside the course folder is read, with one warning")
  func moduleOutside() throws {
    let outside = try TemporaryCourse(["shared.md": "# Shared\n\n## Lesson: L\n\nWords.\n"])
    defer { outside.remove() }
    let course = try TemporaryCourse(["course.md": "# C\n\n1. [M](\(outside.folder)/shared.md)\n"])
    defer { course.remove() }
    let result = course.load()
    #expect(result.diagnostics.map(\.severity) == [.warning])
    #expect(result.diagnostics.first?.message.contains("is outside the course folder: it is read") == true)
    #expect(result.courses.first?.modules.map(\.title) == ["Shared"])
  }

  @Test("A symbolic link out of the course folder is refused, and the file is not read")
  func symlinkOut() throws {
    let outside = try TemporaryCourse(["secret.md": "# Secret\n\nPrivate words.\n"])
    defer { outside.remove() }
    let course = try TemporaryCourse(["course.md": "# C\n\n1. [M](01-m.md)\n"])
    defer { course.remove() }
    try FileManager.default.createSymbolicLink(
      atPath: course.folder + "/01-m.md", withDestinationPath: outside.folder + "/secret.md")
    let result = course.load()
    #expect(
      result.diagnostics.map { course.portable($0.description) } == [
        "course.md:3:8: error: '01-m.md' is a symbolic link to a file outside the course folder: "
          + "a module file must live inside the course folder, so copy the file in"
      ])
    #expect(result.courses.first?.modules.isEmpty == true)
  }

  @Test("A percent-escape never puts a NUL into a path or a message")
  func percentDecoding() throws {
    #expect(try CourseReader.percentDecoded("a%20b.md").get() == "a b.md")
    #expect(try CourseReader.percentDecoded("caf%C3%A9.md").get() == "café.md")
    for bad in ["a%00.md", "a%1B.md", "a%C3.md", "a%.md", "a%2", "a%E2%80%AE.md"] {
      switch CourseReader.percentDecoded(bad) {
      case .success(let decoded): Issue.record("\(bad) decoded to \(decoded.debugDescription)")
      case .failure(let problem):
        #expect(!problem.message.unicodeScalars.contains { $0.value == 0 || UnsafeCharacter.isUnsafe($0) })
      }
    }
  }
}
