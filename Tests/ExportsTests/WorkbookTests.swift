import CourseModel
import Exports
import Foundation
import Testing

@Suite("Printable workbooks")
struct WorkbookTests {
  /// Text in the specials fixture that only the facilitator edition may hold: feedback,
  /// hints, explanations, accepted answers and facilitator notes.
  static let facilitatorOnly = [
    "FEEDBACK-TILDE", "FEEDBACK-EQUALS", "FEEDBACK-HASH", "FEEDBACK-BACKSLASH", "FEEDBACK-FOUR",
    "FEEDBACK-NINE",
    "FEEDBACK-SPACES", "FEEDBACK-MANAGER", "FEEDBACK-NOBODY", "HINT-SIGNS", "EXPLANATION-SIGNS",
    "EXPLANATION-PRIMES", "EXPLANATION-SHORT", "EXPLANATION-ORDER", "EXPLANATION-MATCH", "the hash sign",
    "COURSE-NOTE", "MODULE-NOTE", "LESSON-NOTE", "DRILL-NOTE", "BELIEF-NOTE", "Accepted answers",
    "Right order",
    "Right pairs", "Facilitator note", "box ticked",
  ]

  /// Text both editions hold.
  static let everyone = [
    "Specials &amp; Co", "Every kind / all at once", "For managers", "MODULE-OVERVIEW", "A lesson paragraph.",
    "DRILL-INTRO", "Which sign means \"equal to\" in 1 + 1 = 2?", "The ~ tilde", "Select all that apply",
    "ORDER-FIRST", "BELIEFS-INTRO", "Special characters are worth escaping.", "Strongly disagree", "Seldom",
    "REFLECT-GUIDANCE", "Fair weights", "I escape what needs escaping.", "CREED-EXPLAINED", "CREED-CLOSING",
    "INTRO-AFTER-CONTENTS", "<div>Signature</div>", "MANAGERS-OVERVIEW",
  ]

  func workbook(_ edition: WorkbookWriter.Edition, role: String? = nil) throws -> String {
    try WorkbookWriter(edition: edition, role: role).write(try Paths.specials)
  }

  @Test("The learner edition holds the course and none of its answers, feedback or notes")
  func learnerEdition() throws {
    let html = try workbook(.learner)
    for text in Self.everyone { expect(html, holds: text) }
    for text in Self.facilitatorOnly { expect(html, holds: text, false) }
    expect(html, holds: "class=\"facilitator\"", false)
    #expect(!html.contains("\u{2713}"), "a box is ticked")
  }

  @Test("The facilitator edition adds answers, feedback, hints, explanations and every note, set apart")
  func facilitatorEdition() throws {
    let html = try workbook(.facilitator)
    for text in Self.everyone + Self.facilitatorOnly { expect(html, holds: text) }
    let asides = html.components(separatedBy: "<aside class=\"facilitator\">").dropFirst()
    #expect(asides.count == 5)
    for note in ["COURSE-NOTE", "MODULE-NOTE", "LESSON-NOTE", "DRILL-NOTE", "BELIEF-NOTE"] {
      #expect(
        asides.contains { $0.components(separatedBy: "</aside>")[0].contains(note) },
        "\(note) is not in a box")
    }
    // Right choices ticked: 1 + 3 + 1 + 11 + 1 (+ 1 in the managers' module), and one box per pair.
    let ticked = html.components(separatedBy: "box ticked").count - 1
    #expect(ticked == 18 + 4 + 2)
  }

  @Test("Order items and match sides never print in their right order")
  func shuffled() throws {
    for edition in WorkbookWriter.Edition.allCases {
      let html = try workbook(edition)
      let question = try #require(html.components(separatedBy: "id=\"q-order-steps\"").last)
      let items = try #require(question.components(separatedBy: "Right order").first)
      let places = ["ORDER-FIRST", "ORDER-SECOND", "ORDER-THIRD"].map { items.range(of: $0)?.lowerBound }
      #expect(places.allSatisfy { $0 != nil })
      #expect(
        places.compactMap { $0 } != places.compactMap { $0 }.sorted(), "the order prints as it is right")
      let match = try #require(html.components(separatedBy: "id=\"q-match-signs\"").last)
      let options = try #require(match.components(separatedBy: "<table").first)
      let rights = ["tilde", "equals sign", "hash {or pound}", "colon"].map {
        options.range(of: $0)?.lowerBound
      }
      #expect(rights.allSatisfy { $0 != nil })
      #expect(rights.compactMap { $0 } != rights.compactMap { $0 }.sorted())
    }
    #expect(try workbook(.learner) == workbook(.learner), "two prints differ")
  }

  @Test("A role keeps only the modules for it; an unknown role names the course's roles")
  func roles() throws {
    let frontline = try workbook(.learner, role: "frontline")
    expect(frontline, holds: "MANAGERS-OVERVIEW", false)
    expect(frontline, holds: "Module 1 of 1")
    expect(frontline, holds: "For the role: frontline")
    let manager = try workbook(.learner, role: "manager")
    expect(manager, holds: "MANAGERS-OVERVIEW")
    expect(manager, holds: "Module 2 of 2")
    #expect(throws: ExportError.unknownRole("boss", courseID: "specials", roles: ["frontline", "manager"])) {
      try workbook(.learner, role: "boss")
    }
    let message = ExportError.unknownRole("boss", courseID: "specials", roles: ["frontline", "manager"])
      .description
    expect(message, holds: "'boss'")
    expect(message, holds: "frontline, manager")
  }

  @Test("Course Markdown is printed safely: no raw HTML, no unsafe link, images as their description")
  func markdownSafety() throws {
    let html = try workbook(.learner)
    expect(html, holds: "<a href=\"https://example.com/guide?a=1&amp;b=2\">safe link</a>")
    expect(html, holds: "a relative link, a script link,")
    expect(html, holds: "javascript", false)
    expect(html, holds: "RAW-BLOCK", false)
    expect(html, holds: "<b>", false)
    expect(html, holds: "[image: a chart of fives]")
    expect(html, holds: "<pre><code class=\"language-text\">a code block: {=~#}")
    expect(html, holds: "<script", false)
  }

  @Test("Each module starts a new page, after the cover")
  func pages() throws {
    let html = try workbook(.learner)
    #expect(html.components(separatedBy: "class=\"module new-page\"").count - 1 == 2)
    #expect(html.range(of: "class=\"cover\"")!.lowerBound < html.range(of: "new-page\"")!.lowerBound)
  }

  @Test("The shipped course's learner workbook holds none of its feedback, hints or explanations")
  func shippedLearner() throws {
    let course = try Paths.shipped
    let html = try WorkbookWriter(edition: .learner).write(course)
    let facilitator = try WorkbookWriter(edition: .facilitator).write(course)
    var secrets: [String] = []
    for question in course.drillQuestions {
      secrets += question.hints
      if case .choice(let choices) = question.body {
        secrets += choices.map(\.feedback).filter { !$0.isEmpty }
      }
    }
    #expect(secrets.count > 100)
    for secret in secrets {
      let escaped = secret.replacingOccurrences(of: "&", with: "&amp;")
      expect(html, holds: escaped, false)
      expect(facilitator, holds: escaped)
    }
    expect(html, holds: "Explanation", false)
    for module in course.modules { expect(html, holds: ">" + module.title + "</h1>") }
  }

  /// Expects `text` in `html` (or not), naming the text rather than printing the page.
  func expect(
    _ html: String, holds text: String, _ wanted: Bool = true,
    at location: Testing.SourceLocation = #_sourceLocation
  ) {
    let found = html.contains(text)
    #expect(found == wanted, "\(wanted ? "missing" : "should not hold"): \(text)", sourceLocation: location)
  }
}
